#!/usr/bin/env python3
"""Contrôle de cohérence des données du Contrat de ville (geodata/contrat).
Usage : python3 check_contrat.py [chemin_registre_bdr.csv] [chemin_registre_france.csv]"""
import csv, json, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
REG = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/geodata/qpv2024/registre_qpv2024_bouches_du_rhone_et_pertuis.csv'
NAT = sys.argv[2] if len(sys.argv) > 2 else '/work/shared/geodata/qpv2024/registre_qpv2024_par_commune.csv'
errors = []
def err(m): errors.append(m)
def load(n): return json.load(open(os.path.join(HERE, n), encoding='utf-8'))
reg = [{k: (v or '').strip() for k, v in r.items()} for r in csv.DictReader(open(REG, encoding='utf-8'))]
all_codes = {r['code_qp'] for r in reg}
metro_codes = {r['code_qp'] for r in reg if r['in_metropole_amp'] == 'yes'}
reg_insee = {r['insee_com'] for r in reg}
if os.path.exists(NAT):
    for r in csv.DictReader(open(NAT, encoding='utf-8')):
        all_codes.add(r['code_qp'].strip()); reg_insee.add(r['insee_com'].strip())
def insee_ok(c): return c in reg_insee or bool(re.fullmatch(r'(13|84)\d{3}', c))

defis, orients, projets = load('defis.json'), load('orientations.json'), load('projets.json')
chantiers, delibs, terr, review = load('chantiers.json'), load('deliberations.json'), load('territoires.json'), load('review.json')
if len(defis) != 10: err(f'defis: {len(defis)} != 10')
if len(orients) != 5: err(f'orientations: {len(orients)} != 5')
if len(projets) != 34: err(f'projets: {len(projets)} != 34')
if [d['id'] for d in defis] != [f'defi-{i:02d}' for i in range(1, 11)]: err('defi ids')
if [o['id'] for o in orients] != [f'orientation-{i}' for i in range(1, 6)]: err('orientation ids')

def chk_src(where, s):
    if not isinstance(s, dict) or not s.get('file') or not s.get('section'):
        err(f'{where}: source.file/section manquant')
    elif not os.path.basename(s['file']) == s['file']: err(f'{where}: source.file doit être un nom de fichier')
for name, arr in (('defis', defis), ('orientations', orients), ('projets', projets), ('chantiers', chantiers), ('deliberations', delibs)):
    ids = [r['id'] for r in arr]
    if len(ids) != len(set(ids)): err(f'{name}: ids en double')
    for r in arr:
        chk_src(r['id'], r.get('source'))
        if name == 'projets': chk_src(r['id'] + '.scope', r['scope'].get('source'))
chk_src('territoires', terr.get('source'))
for t in terr['territoiresAEnjeux']: chk_src('territoiresAEnjeux ' + t['commune'], t.get('source'))
for d in defis:
    for k in ('objectives', 'barometres', 'politiquesPubliques'):
        if not d[k]: err(f"{d['id']}: {k} vide")
for o in orients:
    if not o['caps'] or not o['indicateursStrategiques']: err(f"{o['id']}: caps/indicateurs vides")

oids = {o['id'] for o in orients}; dids = {d['id'] for d in defis}; pids = {p['id'] for p in projets}
REGS = {'Essaimage', 'Expérimentation', 'Animation de réseau'}
per = {}
for p in projets:
    if p['orientationId'] not in oids: err(f"{p['id']}: orientationId inconnu")
    if not re.fullmatch(r'projet-%s-\d\d' % p['orientationId'][-1], p['id']): err(f"{p['id']}: id incohérent avec l'orientation")
    per[p['orientationId']] = per.get(p['orientationId'], 0) + 1
    if 'registre' in p: err(f"{p['id']}: utiliser 'registres'")
    if not p.get('registres') or not set(p['registres']) <= REGS: err(f"{p['id']}: registres invalides")
    if not (1 <= len(p['defis']) <= 3): err(f"{p['id']}: 1 à 3 liens défi attendus")
    for l in p['defis']:
        if l['defiId'] not in dids: err(f"{p['id']}: defiId inconnu {l['defiId']}")
        if l.get('editorial') is not True or not l.get('justification'): err(f"{p['id']}: lien défi sans editorial/justification")
    sc = p['scope']
    if sc['kind'] not in ('metropole', 'communes', 'quartiers'): err(f"{p['id']}: scope.kind")
    if sc['kind'] == 'communes' and not sc['communes']: err(f"{p['id']}: scope communes vide")
    if sc['kind'] == 'quartiers' and not sc['quartiers']: err(f"{p['id']}: scope quartiers vide")
    if not sc.get('basis'): err(f"{p['id']}: scope.basis vide")
    for c in sc['communes']:
        if not insee_ok(c): err(f"{p['id']}: INSEE inconnu {c}")
    for q in sc['quartiers']:
        if q not in all_codes: err(f"{p['id']}: code QPV inconnu {q}")
    for k in ('title', 'presentation'):
        if not p.get(k): err(f"{p['id']}: {k} vide")
if per != {'orientation-1': 9, 'orientation-2': 10, 'orientation-3': 7, 'orientation-4': 5, 'orientation-5': 3}:
    err(f'répartition des projets par orientation inattendue: {per}')

for c in chantiers:
    if c['kind'] not in ('gouvernance', 'boite-a-outils'): err(f"{c['id']}: kind")
    for pid in c.get('projetIds', []):
        if pid not in pids: err(f"{c['id']}: projetId inconnu {pid}")
for d in delibs:
    if d['kind'] not in ('deliberation', 'convention'): err(f"{d['id']}: kind")
    if d['date'] is not None and not re.fullmatch(r'\d{4}-\d{2}-\d{2}', d['date']): err(f"{d['id']}: date")
    for c in d['territory']['communes']:
        if not insee_ok(c): err(f"{d['id']}: INSEE inconnu {c}")
    for q in d['territory']['quartiers']:
        if q not in all_codes: err(f"{d['id']}: code QPV inconnu {q}")
    for pid in d['projetIds']:
        if pid not in pids: err(f"{d['id']}: projetId inconnu {pid}")
    for a in d['amounts']:
        if not isinstance(a.get('amountEur'), (int, float)): err(f"{d['id']}: amountEur non numérique")

qs = terr['quartiers']
codes = [q['code'] for q in qs]
if len(qs) != 66: err(f'territoires: {len(qs)} quartiers != 66')
if len(set(codes)) != len(codes): err('territoires: codes en double')
if set(codes) != metro_codes: err(f'territoires: écart avec le registre Métropole: {sorted(set(codes) ^ metro_codes)}')
pairs = {(r['code_qp'], r['insee_com']) for r in reg}
for q in qs:
    if (q['code'], q['inseeCom']) not in pairs: err(f"territoires: {q['seedName']} -> {q['code']} pas dans la commune {q['inseeCom']}")
    if q['matchRule'] not in ('exact', 'normalized', 'manual'): err(f"territoires: matchRule {q['seedName']}")
for t in terr['territoiresAEnjeux']:
    if not insee_ok(t['inseeCom']): err(f"territoiresAEnjeux: INSEE {t['inseeCom']}")
    if t['inseeCom'] in {q['inseeCom'] for q in qs}: err(f"territoiresAEnjeux: {t['commune']} a un QPV ?")
allrec = pids | {d['id'] for d in delibs}
for r in review:
    if r['recordId'] not in allrec: err(f"review: recordId inconnu {r['recordId']}")
    for c in r['candidates']:
        if c not in all_codes: err(f"review: candidat inconnu {c}")
if errors:
    print('\n'.join('ERREUR ' + e for e in errors)); sys.exit(1)
print(f'OK — défis {len(defis)}, orientations {len(orients)}, projets {len(projets)} {per}, chantiers {len(chantiers)}, '
      f'délibérations {len(delibs)}, quartiers {len(qs)}, review {len(review)}')
