// Recherche d'adresse : géocode l'adresse saisie (GET /v1/eligibility?address=…), place le point sur la carte et
// affiche son éligibilité avec l'adresse retenue et son score. Module autonome : app.js ne fait que l'appeler.

const MATCH_TYPES = { housenumber: 'numéro', street: 'voie', locality: 'commune' };

/**
 * Ajoute le formulaire d'adresse au-dessus du bloc d'éligibilité.
 * @param {{ map: object, render: (answer: object, point: {lng: number, lat: number}) => void, geography: () => string }} options
 */
export function mountAddressSearch({ map, render, geography }) {
  const box = document.getElementById('eligibility');
  const form = document.createElement('form');
  form.className = 'address-search';
  form.setAttribute('role', 'search');
  form.innerHTML = `
    <label for="address-input">Adresse</label>
    <input id="address-input" name="address" type="search" autocomplete="street-address" spellcheck="false"
           placeholder="12 rue Joffre 54111 Mont-Bonvillers" required>
    <button type="submit" class="button secondary">Vérifier l'adresse</button>`;
  box.before(form);
  let controller = null;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = form.elements.address.value.trim();
    if (!text) return;
    controller?.abort();
    controller = new AbortController();
    box.setAttribute('aria-busy', 'true');
    box.replaceChildren(paragraph('muted', 'Recherche de l\'adresse…'));
    try {
      const params = new URLSearchParams({ address: text, geography: geography(), near_distance_m: '300' });
      const response = await fetch(`/v1/eligibility?${params}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
      const answer = await response.json();
      if (!response.ok) {
        box.dataset.status = 'INVALID';
        box.replaceChildren(paragraph('status-label', 'Adresse inutilisable'), paragraph('', answer.detail || answer.title || ''));
        return;
      }
      if (!answer.address) {
        box.dataset.status = answer.status;
        box.replaceChildren(paragraph('status-label', 'Adresse introuvable'), paragraph('reason', answer.reason || ''));
        return;
      }
      const point = { lng: answer.address.lon, lat: answer.address.lat };
      render(answer, point);
      map.flyTo({ center: [point.lng, point.lat], zoom: Math.max(map.getZoom(), 15) });
      const score = answer.address.score.toLocaleString('fr-FR', { maximumFractionDigits: 2 });
      box.append(paragraph('address-match',
        `Adresse retenue : ${answer.address.label} (score ${score}, ${MATCH_TYPES[answer.address.matchType] || answer.address.matchType})`));
      document.getElementById('eligibility-clear').hidden = false;
    } catch (error) {
      if (error.name === 'AbortError') return;
      box.dataset.status = 'ERROR';
      box.replaceChildren(paragraph('status-label', 'Vérification impossible'), paragraph('', error.message));
    } finally {
      box.removeAttribute('aria-busy');
    }
  });
}

function paragraph(className, text) {
  const p = document.createElement('p');
  if (className) p.className = className;
  p.textContent = text;
  return p;
}
