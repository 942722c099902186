// Zones : la part en QPV d'une commune (clic), d'un fichier GeoJSON déposé ou d'un polygone
// dessiné, d'après /v1/overlaps (docs/overlaps.md), dans le panneau latéral, avec son CSV.
import {
  $, el, getJson, postText, isAbort, formatArea, percentFormat, metaRow, blobLink, geometryBbox,
} from './util.js';

const ZONE_SOURCE = 'zone';
const DRAWN_ZONE_ID = 'zone-dessinee';
const EMPTY = { type: 'FeatureCollection', features: [] };

function renderZone(zone, quartierButton, kind) {
  const rows = [
    ...metaRow(kind, zone.name ? `${zone.name} (${zone.id})` : String(zone.id)),
    ...metaRow('Surface', formatArea(zone.zoneAreaM2)),
    ...metaRow('En QPV', `${formatArea(zone.qpvAreaM2)} (${percentFormat.format(zone.shareInQpv)})`),
  ];
  for (const q of zone.quartiers) {
    rows.push(...metaRow(q.code, quartierButton(q.code, q.name),
      ` — ${formatArea(q.intersectionM2)}, ${percentFormat.format(q.shareOfZone)} de la zone, ${percentFormat.format(q.shareOfQuartier)} du quartier`));
  }
  if (zone.repaired) rows.push(...metaRow('Réparée', zone.repaired));
  const notes = zone.complete ? [] : [`Réponse incomplète : ${zone.incompleteReason}${zone.missing.length ? ` (QPV sans périmètre chargé : ${zone.missing.join(', ')})` : ''}.`];
  return { rows, notes };
}

/**
 * Les zones de la carte. panel : { open(title) → AbortController, done(controller), notice(text),
 * quartierButton(code, label) } ;
 * geography() : la géographie choisie ; geographyLabel(code) : son nom.
 */
export function setupZones(map, { panel, geography, geographyLabel }) {
  let drawing = null; // sommets [lon, lat] du polygone en cours de dessin

  map.addSource(ZONE_SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'zone-fill', type: 'fill', source: ZONE_SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#d6336c', 'fill-opacity': 0.12 } });
  map.addLayer({ id: 'zone-line', type: 'line', source: ZONE_SOURCE, paint: { 'line-color': '#d6336c', 'line-width': 2, 'line-dasharray': [3, 2] } });
  map.addLayer({ id: 'zone-vertices', type: 'circle', source: ZONE_SOURCE, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#d6336c' } });

  function showOnMap(geojson) {
    map.getSource(ZONE_SOURCE).setData(geojson || EMPTY);
  }

  /** Affiche les parts en QPV : request(signal) donne la réponse JSON, csvLink() le lien du CSV. */
  async function showShares(title, kind, request, csvLink) {
    const controller = panel.open(title);
    const code = geography();
    try {
      const body = await request(controller.signal);
      if (controller.signal.aborted) return;
      const rows = [...metaRow('Géographie', geographyLabel(code))];
      const notes = [];
      for (const zone of body.zones) {
        const rendered = renderZone(zone, panel.quartierButton, kind);
        rows.push(...rendered.rows);
        notes.push(...rendered.notes);
      }
      rows.push(...metaRow('Export', await csvLink(controller.signal)));
      $('panel-meta').replaceChildren(...rows);
      panel.notice(notes.join(' '));
    } catch (error) {
      if (isAbort(error)) return;
      console.warn('Parts en QPV', error);
      panel.notice(`Impossible de calculer la part en QPV : ${error.message}`);
    } finally {
      panel.done(controller);
    }
  }

  /** Part en QPV d'une commune (GET /v1/overlaps?commune=) ; le CSV est le même appel avec format=csv. */
  function openCommune(insee, name) {
    const params = { commune: insee, geography: geography() };
    const csv = new URL('/v1/overlaps', location.origin);
    csv.search = new URLSearchParams({ ...params, format: 'csv' }).toString();
    return showShares(`${name || insee} — part en QPV`, 'Commune',
      (signal) => getJson('/v1/overlaps', params, signal),
      async () => el('a', { href: csv.toString(), download: `qpv-${params.geography}-${insee}.csv`, text: 'Télécharger les parts (CSV)' }));
  }

  /** Part en QPV d'un GeoJSON (POST /v1/overlaps) ; le CSV est demandé par un second POST du même corps. */
  function openGeoJson(text, title, filename) {
    const params = { geography: geography() };
    return showShares(title, 'Zone',
      (signal) => postText('/v1/overlaps', params, text, 'application/geo+json', { signal }),
      async (signal) => {
        const blob = await postText('/v1/overlaps', { ...params, format: 'csv' }, text, 'application/geo+json', { signal, as: 'blob' });
        return blobLink('zone-csv', blob, `qpv-${params.geography}-${filename}.csv`, 'Télécharger les parts (CSV)');
      });
  }

  async function upload(file) {
    const text = await file.text();
    const base = file.name.replace(/\.[^.]*$/, '') || 'zone';
    let parsed = null;
    try { parsed = JSON.parse(text); } catch { /* le service dira ce qui ne va pas */ }
    // Une zone déclarée en Lambert-93 ne se dessine pas telle quelle sur la carte : seules ses parts s'affichent.
    const drawable = parsed && typeof parsed === 'object' && !parsed.crs;
    showOnMap(drawable ? parsed : null);
    const bbox = drawable && geometryBbox(parsed.type === 'FeatureCollection'
      ? { type: 'GeometryCollection', geometries: parsed.features.map((f) => f.geometry).filter(Boolean) }
      : parsed.type === 'Feature' ? parsed.geometry : parsed);
    if (bbox) map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding: 40, maxZoom: 15 });
    await openGeoJson(text, `${file.name} — part en QPV`, base);
  }

  function drawingFeatures() {
    const points = drawing.map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } }));
    const outline = drawing.length > 1
      ? [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [...drawing, drawing[0]] } }]
      : [];
    return { type: 'FeatureCollection', features: [...points, ...outline] };
  }

  function updateDrawControls() {
    const button = $('zone-draw');
    const status = $('zone-status');
    button.setAttribute('aria-pressed', String(Boolean(drawing)));
    $('zone-cancel').hidden = !drawing;
    if (!drawing) {
      button.textContent = 'Dessiner une zone';
      return;
    }
    button.textContent = drawing.length >= 3 ? `Terminer la zone (${drawing.length} sommets)` : 'Terminer la zone';
    status.textContent = drawing.length >= 3
      ? 'Cliquez pour ajouter un sommet, puis « Terminer la zone ».'
      : `Cliquez sur la carte pour poser les sommets (encore ${3 - drawing.length} au moins).`;
  }

  function finishDrawing() {
    const ring = [...drawing, drawing[0]];
    drawing = null;
    map.getCanvas().style.cursor = '';
    const feature = { type: 'Feature', id: DRAWN_ZONE_ID, properties: { name: 'Zone dessinée' }, geometry: { type: 'Polygon', coordinates: [ring] } };
    showOnMap(feature);
    updateDrawControls();
    $('zone-status').textContent = '';
    return openGeoJson(JSON.stringify(feature), 'Zone dessinée — part en QPV', DRAWN_ZONE_ID);
  }

  $('zone-draw').addEventListener('click', () => {
    if (!drawing) {
      drawing = [];
      showOnMap(null);
      updateDrawControls();
    } else if (drawing.length >= 3) {
      finishDrawing();
    }
  });
  $('zone-cancel').addEventListener('click', () => {
    drawing = null;
    showOnMap(null);
    updateDrawControls();
    $('zone-status').textContent = 'Dessin annulé.';
  });
  $('zone-file').addEventListener('change', (event) => {
    const file = event.target.files?.[0];
    if (file) upload(file);
    event.target.value = '';
  });

  return {
    openCommune,
    /** Pendant un dessin, un clic sur la carte pose un sommet au lieu d'ouvrir un quartier : renvoie vrai s'il est pris. */
    takeClick(lngLat) {
      if (!drawing) return false;
      drawing.push([Math.round(lngLat.lng * 1e6) / 1e6, Math.round(lngLat.lat * 1e6) / 1e6]);
      showOnMap(drawingFeatures());
      updateDrawControls();
      return true;
    },
  };
}
