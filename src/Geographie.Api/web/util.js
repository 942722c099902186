// Petits utilitaires partagés par les modules de la carte : DOM, appels à l'API,
// formats français, comparaison sans accents, téléchargements.

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function debounce(fn, delay) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), delay);
  };
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problemText(problem) || `Erreur HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Le détail d'un « problem JSON » (RFC 9457) et, s'il y en a, les erreurs par champ. */
function problemText(problem) {
  if (!problem) return '';
  const errors = problem.errors && typeof problem.errors === 'object'
    ? Object.values(problem.errors).flat().filter((e) => typeof e === 'string')
    : [];
  return [problem.detail || problem.title, ...errors].filter(Boolean).join(' ');
}

async function readResponse(response, as) {
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* corps non JSON */ }
    throw new ApiError(response.status, problem);
  }
  return as === 'blob' ? response.blob() : response.json();
}

function apiUrl(path, params) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  return url;
}

/** GET JSON ; lève ApiError avec le « problem JSON » (RFC 9457) si présent. */
export async function getJson(path, params = {}, signal) {
  const response = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' }, signal });
  return readResponse(response, 'json');
}

/** POST d'un corps texte ; la réponse est lue en JSON, ou en Blob avec as = 'blob' (CSV). */
export async function postText(path, params, body, contentType, { signal, as = 'json' } = {}) {
  const response = await fetch(apiUrl(path, params), {
    method: 'POST',
    headers: { 'Content-Type': contentType, Accept: as === 'blob' ? 'text/csv' : 'application/json' },
    body,
    signal,
  });
  return readResponse(response, as);
}

export function isAbort(error) {
  return error?.name === 'AbortError';
}

export const numberFormat = new Intl.NumberFormat('fr-FR');
export const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 2 });

export function formatArea(m2) {
  if (m2 >= 10_000) return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(m2 / 10_000)} ha`;
  return `${numberFormat.format(Math.round(m2))} m²`;
}

export function metaRow(term, ...value) {
  return [el('dt', { text: term }), el('dd', {}, ...value)];
}

/** Texte replié pour comparer sans accents ni casse (« Duchère » = « duchere »), tirets et apostrophes en espaces. */
export function fold(text) {
  return String(text ?? '').normalize('NFD').replace(/\p{Diacritic}/gu, '')
    .toLowerCase().replace(/[-'’_]/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Un tableau en CSV comme l'ouvre Excel en français : séparateur point-virgule, nombres à virgule décimale,
 * BOM UTF-8 pour que les accents soient lus justes.
 */
export function excelCsv(header, rows) {
  const field = (value) => {
    const text = typeof value === 'number' ? String(value).replace('.', ',') : String(value ?? '');
    return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${[header, ...rows].map((row) => row.map(field).join(';')).join('\r\n')}\r\n`;
}

/** Lien de téléchargement d'un Blob (l'URL est libérée au prochain lien créé pour la même clé). */
const blobUrls = new Map();
export function blobLink(key, blob, filename, text) {
  if (blobUrls.has(key)) URL.revokeObjectURL(blobUrls.get(key));
  const href = URL.createObjectURL(blob);
  blobUrls.set(key, href);
  return el('a', { href, download: filename, text });
}

/** Emprise [ouest, sud, est, nord] des coordonnées d'une géométrie GeoJSON. */
export function geometryBbox(geometry) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (coords) => {
    if (typeof coords[0] === 'number') {
      box[0] = Math.min(box[0], coords[0]); box[1] = Math.min(box[1], coords[1]);
      box[2] = Math.max(box[2], coords[0]); box[3] = Math.max(box[3], coords[1]);
    } else {
      for (const c of coords) visit(c);
    }
  };
  if (geometry?.type === 'GeometryCollection') for (const g of geometry.geometries) visit(g.coordinates);
  else if (geometry?.coordinates) visit(geometry.coordinates);
  return box.every(Number.isFinite) ? box : null;
}
