// Recherche par commune (nom ou code INSEE) et par quartier (code ou nom), sans accents ni casse :
// les listes sont lues une fois (communes chargées, quartiers de chaque géographie) et filtrées ici.
import { getJson, fold, geometryBbox } from './util.js';

const MAX_RESULTS = 10;
const QUARTIERS_LIMIT = 2000;
let communes = null;
const quartiers = new Map(); // géographie → promesse de la liste

function loadCommunes() {
  communes ??= getJson('/ogc/collections/communes/items', { limit: 10000 }).then((body) => body.features.map((f) => ({
    kind: 'commune',
    code: String(f.properties.code ?? f.id),
    name: f.properties.name || String(f.id),
    departement: f.properties.departement,
    bbox: geometryBbox(f.geometry),
    key: fold(`${f.properties.name} ${f.properties.code ?? f.id}`),
  }))).catch((error) => { communes = null; throw error; });
  return communes;
}

function loadQuartiers(geography) {
  if (!quartiers.has(geography)) {
    quartiers.set(geography, getJson('/v1/quartiers', { geography, limit: QUARTIERS_LIMIT }).then((list) => list.map((q) => ({
      kind: 'quartier',
      ...q,
      key: fold(`${q.code} ${q.name} ${(q.communes || []).map((c) => `${c.name} ${c.insee || ''}`).join(' ')}`),
    }))).catch((error) => { quartiers.delete(geography); throw error; }));
  }
  return quartiers.get(geography);
}

/** Les quartiers de la géographie (pour l'emprise des périmètres chargés). */
export function quartiersOf(geography) {
  return loadQuartiers(geography);
}

function score(place, words, whole) {
  if (!words.every((w) => place.key.includes(w))) return -1;
  const code = fold(place.code);
  const name = fold(place.name);
  if (code === whole || name === whole) return 3;
  if (name.startsWith(whole) || code.startsWith(whole)) return 2;
  return 1;
}

/**
 * Communes puis quartiers dont le texte contient chaque mot saisi (« duchere » trouve « La Duchère »,
 * « 69123 » trouve Lyon, « qn01344m » le quartier QN01344M) ; les meilleurs d'abord, dix au plus.
 */
export async function findPlaces(text, geography) {
  const whole = fold(text);
  const words = whole.split(' ').filter(Boolean);
  const [communeList, quartierList] = await Promise.all([loadCommunes(), loadQuartiers(geography)]);
  const ranked = (list) => list.map((p) => ({ p, s: score(p, words, whole) })).filter((r) => r.s >= 0)
    .sort((a, b) => b.s - a.s || a.p.name.localeCompare(b.p.name, 'fr'));
  return [...ranked(communeList), ...ranked(quartierList)]
    .sort((a, b) => b.s - a.s)
    .slice(0, MAX_RESULTS)
    .map((r) => r.p);
}
