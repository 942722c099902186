// Ce qui est à l'écran, à emporter : les quartiers visibles en CSV (Excel en français) et une vue d'impression.
import { $, excelCsv, blobLink } from './util.js';

const HEADER = ['code', 'nom', 'communes', 'geographie', 'projets'];

/** Les quartiers dessinés dans la vue, une ligne par code (un quartier coupé par les tuiles n'est compté qu'une fois). */
function visibleQuartiers(map) {
  const byCode = new Map();
  for (const feature of map.queryRenderedFeatures({ layers: ['quartiers-fill'] })) {
    const p = feature.properties || {};
    if (p.code && !byCode.has(p.code)) byCode.set(p.code, p);
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function setupExport(map, { geography }) {
  $('export-visible').addEventListener('click', () => {
    const quartiers = visibleQuartiers(map);
    const code = geography();
    const csv = excelCsv(HEADER, quartiers.map((q) => [q.code, q.name, q.communes, q.geography || code, Number(q.projets) || 0]));
    const link = blobLink('visible-csv', new Blob([csv], { type: 'text/csv;charset=utf-8' }), `quartiers-visibles-${code}.csv`, 'CSV');
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    $('export-status').textContent = quartiers.length
      ? `${quartiers.length} quartier${quartiers.length > 1 ? 's' : ''} exporté${quartiers.length > 1 ? 's' : ''}.`
      : 'Aucun quartier dans la vue : le fichier ne contient que l\'en-tête.';
  });
  $('print-view').addEventListener('click', () => window.print());
}
