// Carte Géographie : quartiers prioritaires (QPV) et communes de chaque territoire chargé,
// collèges, défis et projets du Contrat de ville Aix-Marseille-Provence, éligibilité d'un
// point, parts en QPV d'une zone.
//
// Aucune ressource distante par défaut : pas de fond de carte (sauf s'il est configuré,
// voir /map-config.json), pas de serveur de glyphes ni de sprites. Les étiquettes sont
// des éléments HTML posés sur la carte.
import * as maplibregl from '/vendor/maplibre-gl/maplibre-gl.mjs';
import {
  $, el, debounce, getJson, isAbort, numberFormat, formatArea, metaRow,
} from './util.js';
import { findPlaces, quartiersOf } from './places.js';
import { setupTerritory } from './territory.js';
import { setupZones } from './zones.js';
import { setupExport } from './export.js';
import { mountAddressSearch } from '/address-search.js';

// ---------------------------------------------------------------------------
// Constantes
// ---------------------------------------------------------------------------

const METROPOLE_BOUNDS = [5.0, 43.2, 5.8, 43.75];
const SOURCE_ID = 'geographie';
const DEFAULT_GEOGRAPHY = 'qpv2024';
const GEOGRAPHIES = {
  qpv2024: 'QPV 2024',
  qpv2015: 'QPV 2015',
};
const NEAR_DISTANCE_M = 300;
const HASH_MAP_KEY = 'carte';
const FILTER_KEYS = ['defi', 'orientation', 'registre'];

// Classes du nombre de projets par quartier : seuils bas et couleurs
// (rampe séquentielle YlGnBu). 0 projet a un style distinct.
const PROJETS_ZERO_COLOR = '#d4d4d4';
const PROJETS_ZERO_LINE = '#6b6b6b';
const PROJETS_CLASSES = [
  { min: 1, max: 1, color: '#c7e9b4' },
  { min: 2, max: 2, color: '#7fcdbb' },
  { min: 3, max: 4, color: '#41b6c4' },
  { min: 5, max: 9, color: '#1d91c0' },
  { min: 10, max: 19, color: '#225ea8' },
  { min: 20, max: Infinity, color: '#0c2c84' },
];

// Remplissage léger des communes selon le nombre de QPV au registre.
const COMMUNE_CLASSES = [
  { min: 0, max: 0, color: '#fbfaf7' },
  { min: 1, max: 1, color: '#f6ecd9' },
  { min: 2, max: 3, color: '#efdcb8' },
  { min: 4, max: 9, color: '#e6c993' },
  { min: 10, max: Infinity, color: '#dab574' },
];

const EP_CLASSES = [
  { value: 'REP+', label: 'REP+', color: '#a50f15', stroke: '#ffffff' },
  { value: 'REP', label: 'REP', color: '#f16913', stroke: '#ffffff' },
  { value: 'hors EP', label: 'Hors éducation prioritaire', color: '#ffffff', stroke: '#4a4a4a' },
];

const STATUS = {
  INSIDE: { label: 'Dans un QPV', color: '#1a7f37' },
  OUTSIDE: { label: 'Hors QPV', color: '#57606a' },
  NEAR: { label: 'À proximité', color: '#bf8700' },
  UNCERTAIN: { label: 'Incertain', color: '#9a6700' },
  UNKNOWN: { label: 'Inconnu — périmètres non chargés', color: '#6e40c9' },
  INVALID: { label: 'Invalide', color: '#cf222e' },
};

const SCOPES = {
  metropole: 'Toute la Métropole',
  communes: 'Communes ciblées',
  quartiers: 'Quartiers ciblés',
};

const coordFormat = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 5, maximumFractionDigits: 5 });

// ---------------------------------------------------------------------------
// Petits utilitaires
// ---------------------------------------------------------------------------

function formatMetres(value) {
  return `${numberFormat.format(Math.round(value))} m`;
}

function classLabel(cls, singular, plural) {
  if (cls.max === Infinity) return `${cls.min} ${plural} ou plus`;
  if (cls.min === cls.max) return `${cls.min} ${cls.min > 1 ? plural : singular}`;
  return `${cls.min} à ${cls.max} ${plural}`;
}

/** Expression « step » MapLibre à partir d'une liste de classes. */
function stepExpression(property, baseColor, classes) {
  const expr = ['step', ['to-number', ['get', property], 0], baseColor];
  for (const cls of classes) expr.push(cls.min, cls.color);
  return expr;
}

// ---------------------------------------------------------------------------
// État (filtres et quartier ouvert), synchronisé avec le fragment d'URL
// #carte=zoom/lat/lon&geo=qpv2024&defi=…&orientation=…&registre=…&qpv=CODE
// ---------------------------------------------------------------------------

const state = {
  geography: DEFAULT_GEOGRAPHY,
  defi: '',
  orientation: '',
  registre: '',
  quartier: null,   // code du quartier ouvert dans le panneau
  point: null,      // dernier point vérifié {lng, lat}
};

const reference = {
  defis: new Map(),
  orientations: new Map(),
};

function readHashState() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const geo = params.get('geo');
  return {
    geography: geo && GEOGRAPHIES[geo] ? geo : DEFAULT_GEOGRAPHY,
    defi: params.get('defi') || '',
    orientation: params.get('orientation') || '',
    registre: params.get('registre') || '',
    quartier: params.get('qpv') || null,
  };
}

function writeHashState() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const set = (key, value) => (value ? params.set(key, value) : params.delete(key));
  set('geo', state.geography === DEFAULT_GEOGRAPHY ? '' : state.geography);
  for (const key of FILTER_KEYS) set(key, state[key]);
  set('qpv', state.quartier);
  // Même mise en forme que le Hash de MapLibre (les « / » restent lisibles).
  const hash = decodeURIComponent(params.toString().replace(/%26/g, '%2526'))
    .replace(/=&/g, '&').replace(/=$/, '');
  const url = location.href.replace(/(#.*)?$/, hash ? `#${hash}` : '');
  if (url !== location.href) history.replaceState(history.state, '', url);
}

function tileParams() {
  const params = new URLSearchParams({ geography: state.geography });
  for (const key of FILTER_KEYS) if (state[key]) params.set(key, state[key]);
  return params.toString();
}

function tileUrl() {
  return `${location.origin}/tiles/{z}/{x}/{y}.mvt?${tileParams()}`;
}

// ---------------------------------------------------------------------------
// Style de la carte (sans fond de carte, sans glyphes ni sprites)
// ---------------------------------------------------------------------------

async function loadTileJson() {
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 4000);
    const tj = await getJson('/tiles/tiles.json', {}, controller.signal);
    clearTimeout(timer);
    return tj;
  } catch (error) {
    console.warn('tiles.json indisponible, valeurs par défaut utilisées', error);
    return {};
  }
}

function buildStyle(tileJson) {
  const source = {
    type: 'vector',
    tiles: [tileUrl()],
    minzoom: Number.isFinite(tileJson.minzoom) ? tileJson.minzoom : 0,
    maxzoom: Number.isFinite(tileJson.maxzoom) ? tileJson.maxzoom : 14,
  };
  if (Array.isArray(tileJson.bounds) && tileJson.bounds.length === 4) source.bounds = tileJson.bounds;
  if (tileJson.attribution) source.attribution = tileJson.attribution;

  const projets = ['to-number', ['get', 'projets'], 0];
  return {
    version: 8,
    name: 'Géographie',
    sources: { [SOURCE_ID]: source },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e8eef2' } },
      {
        id: 'communes-fill',
        type: 'fill',
        source: SOURCE_ID,
        'source-layer': 'communes',
        paint: {
          'fill-color': stepExpression('qpv', COMMUNE_CLASSES[0].color, COMMUNE_CLASSES.slice(1)),
          'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0.85],
        },
      },
      {
        id: 'communes-line',
        type: 'line',
        source: SOURCE_ID,
        'source-layer': 'communes',
        paint: {
          'line-color': '#7a7a7a',
          'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.4, 10, 0.9, 14, 1.6],
        },
      },
      {
        id: 'quartiers-fill',
        type: 'fill',
        source: SOURCE_ID,
        'source-layer': 'quartiers',
        paint: {
          'fill-color': ['case', ['<=', projets, 0], PROJETS_ZERO_COLOR,
            stepExpression('projets', PROJETS_CLASSES[0].color, PROJETS_CLASSES.slice(1))],
          'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.95, 0.8],
        },
      },
      {
        // Quartiers sans projet : contour pointillé gris.
        id: 'quartiers-line-zero',
        type: 'line',
        source: SOURCE_ID,
        'source-layer': 'quartiers',
        filter: ['<=', projets, 0],
        paint: {
          'line-color': PROJETS_ZERO_LINE,
          'line-width': 1.2,
          'line-dasharray': [2, 1.5],
        },
      },
      {
        id: 'quartiers-line',
        type: 'line',
        source: SOURCE_ID,
        'source-layer': 'quartiers',
        filter: ['>', projets, 0],
        paint: {
          'line-color': '#08306b',
          'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2, 0.8],
        },
      },
      {
        id: 'quartiers-selected',
        type: 'line',
        source: SOURCE_ID,
        'source-layer': 'quartiers',
        filter: ['==', ['get', 'code'], ''],
        paint: { 'line-color': '#d6336c', 'line-width': 3 },
      },
      {
        id: 'etablissements',
        type: 'circle',
        source: SOURCE_ID,
        'source-layer': 'etablissements',
        paint: {
          'circle-color': ['match', ['get', 'ep'],
            'REP+', EP_CLASSES[0].color, 'REP', EP_CLASSES[1].color, EP_CLASSES[2].color],
          'circle-stroke-color': ['match', ['get', 'ep'],
            'REP+', EP_CLASSES[0].stroke, 'REP', EP_CLASSES[1].stroke, EP_CLASSES[2].stroke],
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 14, 1.5],
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 2.5, 11, 4.5, 15, 8],
        },
      },
    ],
  };
}

// ---------------------------------------------------------------------------
// Légende
// ---------------------------------------------------------------------------

function swatch(fill, stroke, shape = 'square', dashed = false) {
  return el('span', {
    class: `swatch ${shape}${dashed ? ' dashed' : ''}`,
    'aria-hidden': 'true',
    style: `background:${fill};border-color:${stroke}`,
  });
}

function renderLegend() {
  const quartiers = $('legend-quartiers');
  quartiers.replaceChildren(
    el('li', {}, swatch(PROJETS_ZERO_COLOR, PROJETS_ZERO_LINE, 'square', true), 'Aucun projet'),
    ...PROJETS_CLASSES.map((cls) => el('li', {}, swatch(cls.color, '#08306b'), classLabel(cls, 'projet', 'projets'))),
  );
  const communes = $('legend-communes');
  communes.replaceChildren(
    ...COMMUNE_CLASSES.map((cls) => el('li', {}, swatch(cls.color, '#7a7a7a'),
      cls.min === 0 ? 'Aucun QPV' : classLabel(cls, 'QPV', 'QPV'))),
  );
  const colleges = $('legend-colleges');
  colleges.replaceChildren(
    ...EP_CLASSES.map((cls) => el('li', {}, swatch(cls.color, cls.stroke, 'circle'), cls.label)),
  );
}

// ---------------------------------------------------------------------------
// Étiquettes HTML (communes, puis quartiers aux grands zooms)
// ---------------------------------------------------------------------------

/** Aire signée et centroïde d'un anneau [lon, lat] (plan local, suffisant pour placer une étiquette). */
function ringCentroid(ring) {
  let area = 0; let cx = 0; let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    const cross = x0 * y1 - x1 * y0;
    area += cross; cx += (x0 + x1) * cross; cy += (y0 + y1) * cross;
  }
  area /= 2;
  if (area === 0) return { area: 0, x: ring[0][0], y: ring[0][1] };
  return { area, x: cx / (6 * area), y: cy / (6 * area) };
}

function polygonsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

class LabelLayer {
  constructor(map) {
    this.map = map;
    this.container = el('div', { class: 'map-labels', 'aria-hidden': 'true' });
    map.getCanvasContainer().append(this.container);
    this.labels = [];
    map.on('move', () => this.position());
    map.on('idle', () => this.refresh());
  }

  /** Regroupe les morceaux de tuiles par clé et calcule un point d'ancrage pondéré. */
  collect(sourceLayer, key, text, minZoom, kind) {
    if (this.map.getZoom() < minZoom) return [];
    const groups = new Map();
    for (const feature of this.map.querySourceFeatures(SOURCE_ID, { sourceLayer })) {
      const id = feature.properties?.[key];
      if (!id) continue;
      let group = groups.get(id);
      if (!group) {
        group = { id, text: feature.properties[text] || id, area: 0, x: 0, y: 0, kind };
        groups.set(id, group);
      }
      for (const polygon of polygonsOf(feature.geometry)) {
        for (const [index, ring] of polygon.entries()) {
          const c = ringCentroid(ring);
          const a = index === 0 ? Math.abs(c.area) : -Math.abs(c.area);
          group.area += a; group.x += c.x * a; group.y += c.y * a;
        }
      }
    }
    return [...groups.values()]
      .filter((g) => g.area > 0)
      .map((g) => ({ ...g, lngLat: [g.x / g.area, g.y / g.area] }));
  }

  refresh() {
    const candidates = [
      ...this.collect('quartiers', 'code', 'name', 12.5, 'quartier'),
      ...this.collect('communes', 'insee', 'name', 8.5, 'commune'),
    ];
    // Plus grands d'abord (en pixels à l'écran), quartiers prioritaires.
    candidates.sort((a, b) => (a.kind === b.kind ? b.area - a.area : a.kind === 'quartier' ? -1 : 1));
    // Surface minimale à l'écran (~50 × 50 px) convertie en degrés² à cette latitude.
    const pxPerDegree = (512 * 2 ** this.map.getZoom()) / 360;
    const latFactor = 1 / Math.cos((this.map.getCenter().lat * Math.PI) / 180);
    const minArea = 2500 / (pxPerDegree * pxPerDegree * latFactor);
    this.container.replaceChildren();
    this.labels = [];
    const placed = [];
    const canvas = this.map.getCanvas();
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    for (const candidate of candidates) {
      if (candidate.area < minArea) continue;
      const point = this.map.project(candidate.lngLat);
      if (point.x < 0 || point.y < 0 || point.x > width || point.y > height) continue;
      const node = el('span', { class: `map-label ${candidate.kind}`, text: candidate.text });
      this.container.append(node);
      const w = node.offsetWidth + 6;
      const h = node.offsetHeight + 4;
      const box = { x0: point.x - w / 2, y0: point.y - h / 2, x1: point.x + w / 2, y1: point.y + h / 2 };
      const outside = box.x0 < 0 || box.y0 < 0 || box.x1 > width || box.y1 > height;
      if (outside || placed.some((b) => box.x0 < b.x1 && box.x1 > b.x0 && box.y0 < b.y1 && box.y1 > b.y0)) {
        node.remove();
        continue;
      }
      placed.push(box);
      this.labels.push({ node, lngLat: candidate.lngLat });
    }
    this.position();
  }

  position() {
    for (const { node, lngLat } of this.labels) {
      const p = this.map.project(lngLat);
      node.style.transform = `translate(${Math.round(p.x)}px, ${Math.round(p.y)}px) translate(-50%, -50%)`;
    }
  }
}

// ---------------------------------------------------------------------------
// Panneau d'un quartier
// ---------------------------------------------------------------------------

let panelController = null;
let panelReturnFocus = null;

function openPanelShell(title) {
  const panel = $('panel');
  if (!panel.classList.contains('open')) {
    panelReturnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }
  panel.classList.add('open');
  panel.setAttribute('aria-hidden', 'false');
  panel.setAttribute('aria-busy', 'true');
  $('panel-title').textContent = title;
  $('panel-meta').replaceChildren();
  $('panel-perimeter').hidden = true;
  $('panel-defis').replaceChildren(el('li', { class: 'muted', text: 'Chargement…' }));
  $('panel-projets').replaceChildren();
  $('panel-projets-heading').textContent = 'Projets';
  setPanelSectionsHidden(false);
}

function closePanel() {
  const panel = $('panel');
  panelController?.abort();
  panel.classList.remove('open');
  panel.setAttribute('aria-hidden', 'true');
  panel.removeAttribute('data-code');
  state.quartier = null;
  highlightQuartier(null);
  writeHashState();
  if (panelReturnFocus && document.contains(panelReturnFocus)) panelReturnFocus.focus();
  panelReturnFocus = null;
}

function orientationLabel(id) {
  const o = reference.orientations.get(id);
  if (!o) return id || '';
  return o.number ? `Orientation ${o.number} — ${o.title}` : o.title;
}

function renderQuartier(q) {
  const panel = $('panel');
  panel.dataset.code = q.code;
  $('panel-title').textContent = q.name ? `${q.name}` : q.code;

  const communes = (q.communes || []).map((c) => (c.insee ? `${c.name} (${c.insee})` : c.name)).join(', ');
  const rows = [
    ...metaRow('Code', el('code', { text: q.code })),
    ...metaRow('Géographie', GEOGRAPHIES[q.geography] || q.geography || ''),
  ];
  if (communes) rows.push(...metaRow((q.communes || []).length > 1 ? 'Communes' : 'Commune', communes));
  if (q.departement) {
    const dep = typeof q.departement === 'object'
      ? [q.departement.name, q.departement.code && `(${q.departement.code})`].filter(Boolean).join(' ')
      : q.departement;
    rows.push(...metaRow('Département', dep));
  }
  if (Number.isFinite(q.areaM2)) rows.push(...metaRow('Superficie', formatArea(q.areaM2)));
  $('panel-meta').replaceChildren(...rows);

  const notice = $('panel-perimeter');
  if (q.perimeterLoaded === false) {
    notice.hidden = false;
    notice.replaceChildren(
      el('strong', { text: 'Périmètre non chargé. ' }),
      'Ce quartier figure au registre, mais son contour officiel n\'est pas chargé : il n\'est pas dessiné sur la carte et l\'éligibilité d\'une adresse à ce quartier ne peut pas être établie.',
    );
  } else {
    notice.hidden = true;
    notice.replaceChildren();
  }

  const defis = q.defis || [];
  $('panel-defis').replaceChildren(...(defis.length
    ? defis.map((d) => el('li', { class: 'defi', dataset: { id: d.id, editorial: String(Boolean(d.editorial)) } },
      el('span', { class: 'item-title', text: d.title || reference.defis.get(d.id)?.title || d.id }),
      d.editorial ? el('span', { class: 'badge editorial', title: 'Lien établi par classement éditorial, non par le texte du Contrat de ville', text: 'classement éditorial' }) : null,
      d.justification ? el('p', { class: 'justification', text: d.justification }) : null))
    : [el('li', { class: 'muted', text: 'Aucun défi rattaché à ce quartier.' })]));

  const projets = q.projets || [];
  $('panel-projets-heading').textContent = `Projets (${projets.length})`;
  $('panel-projets').replaceChildren(...(projets.length
    ? projets.map((p) => el('li', { class: 'projet', dataset: { id: p.id } },
      el('span', { class: 'item-title', text: p.title || p.id }),
      el('span', { class: 'item-meta' },
        p.orientationId ? el('span', { text: orientationLabel(p.orientationId) }) : null,
        p.scope ? el('span', { class: `badge scope scope-${p.scope}`, text: SCOPES[p.scope] || p.scope }) : null,
        ...(p.registres || []).map((r) => el('span', { class: 'badge registre', text: r })))))
    : [el('li', { class: 'muted', text: 'Aucun projet recensé pour ce quartier avec ces critères.' })]));
}

function renderPanelError(code, error) {
  $('panel-title').textContent = error.status === 404 ? 'Quartier introuvable' : 'Erreur';
  $('panel-meta').replaceChildren(...metaRow('Code', el('code', { text: code })),
    ...metaRow('Géographie', GEOGRAPHIES[state.geography]));
  const notice = $('panel-perimeter');
  notice.hidden = false;
  notice.replaceChildren(error.status === 404
    ? `Aucun quartier ${code} dans la géographie ${GEOGRAPHIES[state.geography]}.`
    : `Impossible de charger ce quartier : ${error.message}`);
  $('panel-defis').replaceChildren();
  $('panel-projets').replaceChildren();
  setPanelSectionsHidden(true);
}

function setPanelSectionsHidden(hidden) {
  for (const id of ['panel-defis', 'panel-projets']) $(id).closest('section').hidden = hidden;
}

async function openQuartier(code, { fit = false, bbox = null, focus = true } = {}) {
  if (!code) return;
  panelController?.abort();
  const controller = new AbortController();
  panelController = controller;
  state.quartier = code;
  writeHashState();
  highlightQuartier(code);
  openPanelShell(code);
  if (focus) $('panel-title').focus({ preventScroll: true });
  if (fit && bbox) fitBbox(bbox);
  try {
    const q = await getJson(`/v1/quartiers/${encodeURIComponent(code)}`, { geography: state.geography }, controller.signal);
    if (controller.signal.aborted) return;
    renderQuartier(q);
    if (fit && !bbox && q.bbox) fitBbox(q.bbox);
  } catch (error) {
    if (isAbort(error)) return;
    console.warn('Quartier', code, error);
    renderPanelError(code, error);
  } finally {
    if (panelController === controller) $('panel').removeAttribute('aria-busy');
  }
}

/** Le panneau tel que les zones l'emploient : un titre, un avis, des liens vers les quartiers. */
const sharesPanel = {
  open(title) {
    panelController?.abort();
    const controller = new AbortController();
    panelController = controller;
    state.quartier = null;
    highlightQuartier(null);
    writeHashState();
    $('panel').removeAttribute('data-code');
    openPanelShell(title);
    setPanelSectionsHidden(true);
    return controller;
  },
  done(controller) {
    if (panelController === controller) $('panel').removeAttribute('aria-busy');
  },
  notice(text) {
    const notice = $('panel-perimeter');
    notice.hidden = !text;
    notice.replaceChildren(text);
  },
  quartierButton,
};

function highlightQuartier(code) {
  if (!map?.getLayer('quartiers-selected')) return;
  map.setFilter('quartiers-selected', ['==', ['get', 'code'], code || '']);
}

function fitBbox(bbox) {
  if (!Array.isArray(bbox) || bbox.length !== 4 || bbox.some((v) => !Number.isFinite(v))) return;
  const panelOpen = $('panel').classList.contains('open') && window.matchMedia('(min-width: 48rem)').matches;
  map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], {
    padding: { top: 40, bottom: 40, left: 40, right: panelOpen ? $('panel').offsetWidth + 40 : 40 },
    maxZoom: 14,
  });
}

// ---------------------------------------------------------------------------
// Éligibilité d'un point
// ---------------------------------------------------------------------------

let eligibilityController = null;
let eligibilityMarker = null;

function setMarker(lngLat, color) {
  eligibilityMarker?.remove();
  eligibilityMarker = new maplibregl.Marker({ color }).setLngLat(lngLat).addTo(map);
  eligibilityMarker.getElement().setAttribute('aria-label', 'Point vérifié');
  eligibilityMarker.getElement().removeAttribute('tabindex');
}

function clearEligibility() {
  eligibilityController?.abort();
  eligibilityMarker?.remove();
  eligibilityMarker = null;
  state.point = null;
  const box = $('eligibility');
  box.removeAttribute('data-status');
  box.removeAttribute('aria-busy');
  box.replaceChildren(el('p', { class: 'hint', text: 'Cliquez sur la carte pour savoir si ce point est situé dans un QPV.' }));
  $('eligibility-clear').hidden = true;
}

function quartierButton(code, label) {
  return el('button', {
    type: 'button',
    class: 'link-button',
    onclick: () => openQuartier(code, { fit: true }),
    text: label || code,
  });
}

async function checkEligibility(lngLat) {
  const lng = Math.round(lngLat.lng * 1e6) / 1e6;
  const lat = Math.round(lngLat.lat * 1e6) / 1e6;
  state.point = { lng, lat };
  eligibilityController?.abort();
  const controller = new AbortController();
  eligibilityController = controller;
  const box = $('eligibility');
  box.removeAttribute('data-status');
  box.setAttribute('aria-busy', 'true');
  box.replaceChildren(el('p', { class: 'muted', text: 'Vérification en cours…' }));
  // Sur un téléphone la barre est au-dessus de la carte : la carte d'éligibilité y est ramenée à l'écran.
  if (window.matchMedia('(max-width: 47.99rem)').matches) box.scrollIntoView({ block: 'nearest' });
  $('eligibility-clear').hidden = false;
  setMarker([lng, lat], '#57606a');
  try {
    const r = await getJson('/v1/eligibility', {
      lon: lng, lat, geography: state.geography, near_distance_m: NEAR_DISTANCE_M,
    }, controller.signal);
    if (controller.signal.aborted) return;
    renderEligibility(r, { lng, lat });
  } catch (error) {
    if (isAbort(error)) return;
    console.warn('Éligibilité', error);
    const invalid = error.status === 400;
    box.dataset.status = invalid ? 'INVALID' : 'ERROR';
    box.replaceChildren(
      el('p', { class: 'status-label', text: invalid ? STATUS.INVALID.label : 'Vérification impossible' }),
      el('p', { text: error.message }),
    );
    setMarker([lng, lat], invalid ? STATUS.INVALID.color : '#57606a');
  } finally {
    if (eligibilityController === controller) box.removeAttribute('aria-busy');
  }
}

function renderEligibility(r, point) {
  const box = $('eligibility');
  const info = STATUS[r.status] || { label: r.status || 'Réponse inattendue', color: '#57606a' };
  box.dataset.status = r.status || 'ERROR';
  const rows = [];
  if (r.quartier) {
    const communes = (r.quartier.communes || []).map((c) => c.name).join(', ');
    rows.push(...metaRow('Quartier', quartierButton(r.quartier.code, `${r.quartier.name || r.quartier.code} (${r.quartier.code})`),
      communes ? ` — ${communes}` : ''));
  }
  if (Number.isFinite(r.distanceM)) rows.push(...metaRow('Distance', el('span', { class: 'distance', text: formatMetres(r.distanceM) })));
  if (r.nearestCode && r.nearestCode !== r.quartier?.code) rows.push(...metaRow('QPV le plus proche', quartierButton(r.nearestCode)));
  rows.push(...metaRow('Géographie', GEOGRAPHIES[r.geography] || r.geography || GEOGRAPHIES[state.geography]));
  rows.push(...metaRow('Coordonnées', `${coordFormat.format(point.lat)} N, ${coordFormat.format(point.lng)} E`));
  box.replaceChildren(
    el('p', { class: 'status-label' }, el('span', { class: 'status-dot', 'aria-hidden': 'true', style: `background:${info.color}` }), info.label),
    r.reason ? el('p', { class: 'reason', text: r.reason }) : null,
    el('dl', { class: 'eligibility-details' }, ...rows),
  );
  setMarker([point.lng, point.lat], info.color);
}

// ---------------------------------------------------------------------------
// Recherche (combobox accessible)
// ---------------------------------------------------------------------------

let searchRun = 0; // seule la dernière recherche lancée s'affiche
let searchResults = [];
let activeIndex = -1;

function setExpanded(expanded) {
  const input = $('search');
  const list = $('search-results');
  list.hidden = !expanded;
  input.setAttribute('aria-expanded', String(expanded));
  if (!expanded) {
    activeIndex = -1;
    input.removeAttribute('aria-activedescendant');
  }
}

function setActive(index) {
  const items = [...$('search-results').children];
  if (!items.length) return;
  activeIndex = (index + items.length) % items.length;
  items.forEach((item, i) => item.setAttribute('aria-selected', String(i === activeIndex)));
  const active = items[activeIndex];
  $('search').setAttribute('aria-activedescendant', active.id);
  active.scrollIntoView({ block: 'nearest' });
}

function chooseResult(result) {
  setExpanded(false);
  $('search').value = `${result.name} (${result.code})`;
  $('search-status').textContent = '';
  if (result.kind === 'commune') {
    if (result.bbox) fitBbox(result.bbox);
    zones?.openCommune(result.code, result.name);
  } else {
    openQuartier(result.code, { fit: Boolean(result.bbox), bbox: result.bbox, focus: true });
  }
}

function resultItem(r, i) {
  const commune = r.kind === 'commune';
  return el('li', {
    id: `search-result-${i}`,
    role: 'option',
    'aria-selected': 'false',
    dataset: { code: r.code, kind: r.kind },
    onmousedown: (event) => event.preventDefault(), // garde le focus dans le champ
    onclick: () => chooseResult(r),
  },
  el('span', { class: 'result-name', text: r.name || r.code }),
  el('span', { class: 'result-meta' },
    el('span', { class: 'badge', text: commune ? 'Commune' : 'Quartier' }), ' ',
    el('code', { text: r.code }),
    commune ? '' : ` · ${(r.communes || []).map((c) => c.name).join(', ')}`,
    r.perimeterLoaded === false ? el('span', { class: 'badge muted-badge', text: 'périmètre non chargé' }) : null));
}

async function runSearch() {
  const text = $('search').value.trim();
  const run = ++searchRun;
  if (text.length < 2) {
    searchResults = [];
    $('search-results').replaceChildren();
    setExpanded(false);
    $('search-status').textContent = text.length ? 'Saisissez au moins deux caractères.' : '';
    return;
  }
  try {
    const results = await findPlaces(text, state.geography);
    if (run !== searchRun) return;
    searchResults = results;
    $('search-results').replaceChildren(...searchResults.map(resultItem));
    setExpanded(searchResults.length > 0);
    $('search-status').textContent = searchResults.length
      ? `${searchResults.length} résultat${searchResults.length > 1 ? 's' : ''}. Flèches haut et bas pour parcourir, Entrée pour ouvrir.`
      : 'Aucune commune ni aucun quartier ne correspond.';
  } catch (error) {
    if (run !== searchRun) return;
    console.warn('Recherche', error);
    setExpanded(false);
    $('search-status').textContent = `Recherche impossible : ${error.message}`;
  }
}

function setupSearch() {
  const input = $('search');
  const debounced = debounce(runSearch, 250);
  input.addEventListener('input', debounced);
  input.addEventListener('keydown', (event) => {
    const open = !$('search-results').hidden;
    switch (event.key) {
      case 'ArrowDown':
        if (!open && searchResults.length) setExpanded(true);
        setActive(activeIndex + 1);
        event.preventDefault();
        break;
      case 'ArrowUp':
        if (open) { setActive(activeIndex - 1); event.preventDefault(); }
        break;
      case 'Enter':
        event.preventDefault();
        if (open && activeIndex >= 0) chooseResult(searchResults[activeIndex]);
        else if (searchResults.length === 1) chooseResult(searchResults[0]);
        else runSearch();
        break;
      case 'Escape':
        if (open) { setExpanded(false); event.preventDefault(); }
        break;
      default:
    }
  });
  input.addEventListener('blur', () => setTimeout(() => setExpanded(false), 150));
  input.addEventListener('focus', () => { if (searchResults.length) setExpanded(true); });
}

// ---------------------------------------------------------------------------
// Filtres
// ---------------------------------------------------------------------------

function fillSelect(select, items, label) {
  const first = select.options[0];
  select.replaceChildren(first, ...items.map((item) => el('option', { value: item.id, text: label(item) })));
}

async function loadReference() {
  const [defis, orientations] = await Promise.allSettled([getJson('/v1/defis'), getJson('/v1/orientations')]);
  const problems = [];
  if (defis.status === 'fulfilled' && Array.isArray(defis.value)) {
    for (const d of defis.value) reference.defis.set(d.id, d);
    fillSelect($('filter-defi'), defis.value, (d) => (d.number ? `${d.number}. ${d.title}` : d.title || d.id));
  } else {
    problems.push('défis');
    console.warn('Défis indisponibles', defis.reason);
  }
  if (orientations.status === 'fulfilled' && Array.isArray(orientations.value)) {
    for (const o of orientations.value) reference.orientations.set(o.id, o);
    fillSelect($('filter-orientation'), orientations.value, (o) => (o.number ? `${o.number}. ${o.title}` : o.title || o.id));
  } else {
    problems.push('orientations');
    console.warn('Orientations indisponibles', orientations.reason);
  }
  if (problems.length) $('filters-status').textContent = `Liste des ${problems.join(' et des ')} indisponible.`;
}

/** Reporte l'état dans les listes (une valeur absente de la liste y est ajoutée pour rester visible). */
function syncFilterControls() {
  const pairs = [['filter-geography', state.geography], ['filter-defi', state.defi],
    ['filter-orientation', state.orientation], ['filter-registre', state.registre]];
  for (const [id, value] of pairs) {
    const select = $(id);
    if (value && ![...select.options].some((o) => o.value === value)) {
      select.append(el('option', { value, text: value }));
    }
    select.value = value;
  }
}

function describeFilters() {
  const parts = [];
  if (state.defi) parts.push(reference.defis.get(state.defi)?.title || state.defi);
  if (state.orientation) parts.push(orientationLabel(state.orientation));
  if (state.registre) parts.push(`registre ${state.registre}`);
  return parts.length ? `Projets comptés : ${parts.join(' ; ')}.` : '';
}

function applyFilters({ geographyChanged = false } = {}) {
  writeHashState();
  const source = map?.getSource(SOURCE_ID);
  if (source) source.setTiles([tileUrl()]);
  tooltip?.remove();
  $('filters-status').textContent = describeFilters();
  if (geographyChanged) {
    searchResults = [];
    $('search-results').replaceChildren();
    setExpanded(false);
    if (state.point) checkEligibility(state.point);
    territory?.refresh();
  }
  if (state.quartier) openQuartier(state.quartier, { focus: false });
}

function setupFilters() {
  const form = $('filters');
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLSelectElement)) return;
    const key = target.name === 'geography' ? 'geography' : target.name;
    const previousGeography = state.geography;
    state[key] = target.value;
    applyFilters({ geographyChanged: state.geography !== previousGeography });
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    const previousGeography = state.geography;
    state.geography = DEFAULT_GEOGRAPHY;
    for (const key of FILTER_KEYS) state[key] = '';
    syncFilterControls();
    applyFilters({ geographyChanged: state.geography !== previousGeography });
  });
  window.addEventListener('hashchange', () => {
    const next = readHashState();
    const changed = ['geography', ...FILTER_KEYS].some((key) => next[key] !== state[key]);
    const geographyChanged = next.geography !== state.geography;
    if (changed) {
      Object.assign(state, { geography: next.geography, defi: next.defi, orientation: next.orientation, registre: next.registre });
      syncFilterControls();
      applyFilters({ geographyChanged });
    }
    if (next.quartier && next.quartier !== state.quartier) openQuartier(next.quartier, { fit: true, focus: false });
  });
}

// ---------------------------------------------------------------------------
// Carte
// ---------------------------------------------------------------------------

/** Le réglage de fond de carte (/map-config.json) ; sans réglage ou en cas d'échec, aucun fond. */
async function loadBasemap() {
  let url = null;
  try {
    url = (await getJson('/map-config.json')).basemapStyleUrl;
    if (!url) return null;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.json();
  } catch (error) {
    console.warn('Fond de carte indisponible', url, error);
    if (url) showMapMessage('Le fond de carte configuré est injoignable : la carte s\'affiche sans fond.');
    return null;
  }
}

/** Nos couches par-dessus le fond de carte, communes translucides pour le laisser voir. */
function withBasemap(style, basemap) {
  if (!basemap) return style;
  const ours = style.layers.filter((layer) => layer.type !== 'background').map((layer) => (layer.id === 'communes-fill'
    ? { ...layer, paint: { ...layer.paint, 'fill-opacity': 0.35 } }
    : layer));
  return {
    ...basemap,
    sources: { ...basemap.sources, ...style.sources },
    layers: [...(basemap.layers || []), ...ours],
  };
}

function chooseGeography(code) {
  if (!GEOGRAPHIES[code] || code === state.geography) return;
  state.geography = code;
  syncFilterControls();
  applyFilters({ geographyChanged: true });
}

/** Emprise des périmètres chargés d'une géographie (liste des quartiers), null s'il n'y en a pas. */
async function perimetersBounds(code) {
  const boxes = (await quartiersOf(code)).filter((q) => q.perimeterLoaded !== false && Array.isArray(q.bbox)).map((q) => q.bbox);
  if (!boxes.length) return null;
  return [[Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1]))],
    [Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]];
}

let map = null;
let zones = null;
let territory = null;

function showMapMessage(text) {
  const message = $('map-message');
  message.textContent = text;
  message.hidden = !text;
}

function featureTooltip(feature) {
  const p = feature.properties || {};
  switch (feature.sourceLayer) {
    case 'quartiers': {
      const n = Number(p.projets) || 0;
      return [el('strong', { text: p.name || p.code }), el('br'), `${p.code}${p.communes ? ` · ${p.communes}` : ''}`,
        el('br'), n ? `${n} projet${n > 1 ? 's' : ''}` : 'Aucun projet'];
    }
    case 'communes': {
      const n = Number(p.qpv) || 0;
      const projets = Number(p.projets) || 0;
      return [el('strong', { text: p.name || p.insee }), el('br'),
        n ? `${n} QPV au registre` : 'Aucun QPV au registre',
        projets ? ` · ${projets} projet${projets > 1 ? 's' : ''}` : ''];
    }
    case 'etablissements':
      return [el('strong', { text: p.name || p.uai }), el('br'),
        `Collège · ${p.ep === 'hors EP' ? 'hors éducation prioritaire' : p.ep || ''}${p.commune ? ` · ${p.commune}` : ''}`];
    default:
      return null;
  }
}

let tooltip = null;

function setupMapInteractions() {
  tooltip = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'map-tooltip', offset: 10, maxWidth: '18rem' });
  const hovered = new Map(); // sourceLayer -> id
  const interactive = ['etablissements', 'quartiers-fill', 'communes-fill'];

  function setHover(sourceLayer, id) {
    const previous = hovered.get(sourceLayer);
    if (previous === id) return;
    if (previous !== undefined) map.setFeatureState({ source: SOURCE_ID, sourceLayer, id: previous }, { hover: false });
    if (id !== undefined) map.setFeatureState({ source: SOURCE_ID, sourceLayer, id }, { hover: true });
    if (id === undefined) hovered.delete(sourceLayer); else hovered.set(sourceLayer, id);
  }

  map.on('mousemove', (event) => {
    const features = map.queryRenderedFeatures(event.point, { layers: interactive });
    const top = features[0];
    const quartier = features.find((f) => f.sourceLayer === 'quartiers');
    const commune = features.find((f) => f.sourceLayer === 'communes');
    setHover('quartiers', quartier?.id);
    setHover('communes', quartier ? undefined : commune?.id);
    map.getCanvas().style.cursor = quartier ? 'pointer' : 'crosshair';
    const content = top && featureTooltip(top);
    if (content) {
      tooltip.setLngLat(event.lngLat).setDOMContent(el('div', {}, ...content)).addTo(map);
    } else {
      tooltip.remove();
    }
  });
  map.getCanvas().addEventListener('mouseleave', () => {
    setHover('quartiers', undefined);
    setHover('communes', undefined);
    tooltip.remove();
  });

  // Chaque clic vérifie le point ; dans un quartier il ouvre aussi sa fiche, ailleurs la part en QPV de la commune.
  map.on('click', (event) => {
    if (zones.takeClick(event.lngLat)) return;
    const features = map.queryRenderedFeatures(event.point, { layers: ['quartiers-fill', 'communes-fill'] });
    const quartier = features.find((f) => f.sourceLayer === 'quartiers');
    const commune = features.find((f) => f.sourceLayer === 'communes');
    checkEligibility(event.lngLat);
    if (quartier?.properties?.code) {
      openQuartier(quartier.properties.code, { focus: false });
    } else if (commune?.properties?.insee) {
      zones.openCommune(commune.properties.insee, commune.properties.name);
    }
  });
}

async function init() {
  renderLegend();
  Object.assign(state, readHashState());
  syncFilterControls();
  setupSearch();
  setupFilters();
  $('panel-close').addEventListener('click', closePanel);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented && $('panel').classList.contains('open')) {
      closePanel();
    }
  });
  $('sidebar-toggle').addEventListener('click', () => {
    const collapsed = document.body.classList.toggle('sidebar-collapsed');
    $('sidebar-toggle').setAttribute('aria-expanded', String(!collapsed));
    map?.resize();
  });
  $('eligibility-clear').addEventListener('click', clearEligibility);
  $('eligibility-center').addEventListener('click', () => { if (map) checkEligibility(map.getCenter()); });

  const referenceLoaded = loadReference().then(() => {
    syncFilterControls();
    $('filters-status').textContent = describeFilters();
  });
  const [tileJson, basemap] = await Promise.all([loadTileJson(), loadBasemap()]);

  try {
    map = new maplibregl.Map({
      container: 'map',
      style: withBasemap(buildStyle(tileJson), basemap),
      // Sans quoi l'impression (ou une capture) du canevas WebGL sort blanche.
      canvasContextAttributes: { preserveDrawingBuffer: true },
      bounds: METROPOLE_BOUNDS,
      fitBoundsOptions: { padding: 16 },
      hash: HASH_MAP_KEY,
      minZoom: 4,
      maxZoom: 18,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: { compact: true },
      locale: {
        'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources',
        'FullscreenControl.Enter': 'Plein écran',
        'FullscreenControl.Exit': 'Quitter le plein écran',
        'Map.Title': 'Carte',
        'Marker.Title': 'Point vérifié',
        'NavigationControl.ResetBearing': 'Réorienter la carte vers le nord',
        'NavigationControl.ZoomIn': 'Zoomer',
        'NavigationControl.ZoomOut': 'Dézoomer',
        'Popup.Close': 'Fermer',
        'ScaleControl.Meters': 'm',
        'ScaleControl.Kilometers': 'km',
      },
    });
  } catch (error) {
    console.warn('Carte indisponible', error);
    showMapMessage('La carte ne peut pas s\'afficher : ce navigateur ne prend pas en charge WebGL. La recherche et les panneaux restent utilisables.');
    document.body.dataset.mapReady = 'false';
    return;
  }
  window.geographieMap = map;
  mountAddressSearch({ map, render: renderEligibility, geography: () => state.geography });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  // L'attribution compacte s'ouvre d'elle-même au chargement et couvre la carte d'un téléphone : on la replie.
  map.once('load', () => {
    const attribution = map.getContainer().querySelector('.maplibregl-ctrl-attrib');
    attribution?.classList.remove('maplibregl-compact-show');
    attribution?.removeAttribute('open');
  });

  map.on('error', (event) => {
    // Les tuiles en erreur ne doivent pas bloquer la page ; on le signale discrètement.
    console.warn('Carte :', event.error?.message || event.error);
    if (event.sourceId === SOURCE_ID && event.error?.status >= 500) {
      showMapMessage('Certaines tuiles n\'ont pas pu être chargées.');
    }
  });

  map.once('load', () => {
    new LabelLayer(map); // eslint-disable-line no-new
    zones = setupZones(map, { panel: sharesPanel, geography: () => state.geography, geographyLabel: (code) => GEOGRAPHIES[code] || code });
    territory = setupTerritory(map, {
      geography: () => state.geography,
      geographyLabel: (code) => GEOGRAPHIES[code] || code,
      onChooseGeography: chooseGeography,
      loadedBounds: perimetersBounds,
    });
    setupExport(map, { geography: () => state.geography });
    setupMapInteractions();
    highlightQuartier(state.quartier);
    if (state.quartier) {
      const hasView = new URLSearchParams(location.hash.replace(/^#/, '')).has(HASH_MAP_KEY);
      referenceLoaded.finally(() => openQuartier(state.quartier, { fit: !hasView, focus: false }));
    }
    $('filters-status').textContent = describeFilters();
  });
  map.once('idle', () => {
    document.body.dataset.mapReady = 'true';
  });
}

init();
