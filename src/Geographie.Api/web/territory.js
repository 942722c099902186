// Où l'on est : le territoire sous le centre de la carte (en-tête) et, d'après /readyz,
// un bandeau quand la géographie choisie n'a aucun périmètre chargé, ou aucun dans la vue.
import { $, el, getJson } from './util.js';
import { departementOf, departementLabel } from './departements.js';

// En dessous, la vue couvre plusieurs départements : on les nomme au lieu d'une commune.
const COMMUNE_MIN_ZOOM = 8.5;
// En dessous, un périmètre de quartier est trop petit pour qu'une vue vide soit significative.
const IN_VIEW_MIN_ZOOM = 10;

/**
 * Tient à jour l'en-tête (#territory) et le bandeau (#geography-banner, data-kind = none-loaded, none-in-view,
 * not-ready, unavailable) ; refresh() relit /readyz (au changement de géographie). loadedBounds(code) : promesse de
 * l'emprise des périmètres chargés de cette géographie.
 */
export function setupTerritory(map, { geography, geographyLabel, onChooseGeography, loadedBounds }) {
  let readiness = null;
  let readinessError = null;

  function nameTerritory() {
    const header = $('territory');
    const canvas = map.getCanvas();
    const centre = [canvas.clientWidth / 2, canvas.clientHeight / 2];
    const here = map.getZoom() >= COMMUNE_MIN_ZOOM
      ? map.queryRenderedFeatures(centre, { layers: ['communes-fill'] })[0]
      : null;
    let text;
    if (here?.properties?.insee) {
      const { name, insee } = here.properties;
      text = `${name || insee} (${insee}) · ${departementLabel(departementOf(insee))}`;
    } else {
      const departements = [...new Set(map.queryRenderedFeatures({ layers: ['communes-fill'] })
        .map((f) => departementOf(f.properties?.insee)).filter(Boolean))].sort();
      text = departements.length
        ? departements.map(departementLabel).join(', ')
        : 'hors des communes chargées';
    }
    header.textContent = text;
    header.dataset.insee = here?.properties?.insee || '';
  }

  function showBanner(kind, ...content) {
    const banner = $('geography-banner');
    banner.hidden = !kind;
    banner.dataset.kind = kind || '';
    banner.replaceChildren(...content);
  }

  function otherLoaded(code) {
    return (readiness?.geographies || []).filter((g) => g.code !== code && g.perimetersLoaded > 0);
  }

  function switchButtons(code) {
    return otherLoaded(code).map((g) => el('button', {
      type: 'button',
      class: 'button secondary',
      onclick: () => onChooseGeography(g.code),
      text: `Voir ${geographyLabel(g.code)} (${g.perimetersLoaded} périmètres)`,
    }));
  }

  function updateBanner() {
    const code = geography();
    const label = geographyLabel(code);
    if (readinessError) {
      showBanner('unavailable', `État du service indisponible (${readinessError.message}) : la carte peut être incomplète.`);
      return;
    }
    if (!readiness) return;
    if (!readiness.ready) {
      showBanner('not-ready', 'Les données ne sont pas encore chargées : la carte se remplira dans quelques instants.');
      return;
    }
    const edition = readiness.geographies.find((g) => g.code === code);
    if (!edition || edition.perimetersLoaded === 0) {
      showBanner('none-loaded',
        el('strong', { text: `Aucun périmètre ${label} n'est chargé. ` }),
        `La carte n'en dessine aucun et l'éligibilité répond « Inconnu »${edition ? ` (${edition.quartiers} quartiers au registre, sans contour)` : ''}. `,
        ...switchButtons(code));
      return;
    }
    const inView = map.queryRenderedFeatures({ layers: ['quartiers-fill'] }).length;
    if (map.getZoom() >= IN_VIEW_MIN_ZOOM && inView === 0) {
      showBanner('none-in-view',
        el('strong', { text: `Aucun périmètre ${label} dans cette vue. ` }),
        `${edition.perimetersLoaded} sont chargés ailleurs. `,
        el('button', {
          type: 'button',
          class: 'button secondary',
          onclick: async () => {
            const bounds = await loadedBounds(code);
            if (bounds) map.fitBounds(bounds, { padding: 40 });
          },
          text: 'Y aller',
        }));
      return;
    }
    showBanner(null);
  }

  async function refresh() {
    try {
      readiness = await getJson('/readyz');
      readinessError = null;
    } catch (error) {
      // 503 porte aussi le corps de /readyz : la raison reste lisible.
      readiness = error.problem && 'ready' in error.problem ? error.problem : null;
      readinessError = readiness ? null : error;
    }
    updateBanner();
  }

  map.on('idle', () => {
    nameTerritory();
    updateBanner();
  });
  refresh();
  return { refresh };
}
