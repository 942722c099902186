"""Gives each sample of a `perf script` output to the first overlap stage met from its leaf up; prints µs per zone per stage.

python3 overlaps-perf-stages.py PERF_SCRIPT.txt US_PER_ZONE (benchmarks/RESULTS.md, Overlaps, session 20)."""
import sys, collections
stages=[('scan (FeatureScanner)','FeatureScanner'),('zone parse (ZoneJson)','ZoneJson'),('body walk (ZoneReader)','ZoneReader'),
 ('validity','PolygonValidity'),('validity','RingSet'),('validity','IsValidOp'),('completeness (Assess)','Assess'),('QPV areas','OverlapIndex'),('QPV areas','IntersectionArea'),
 ('projection','Project'),('projection','Lambert'),('writing','OverlapWriter'),('writing','Utf8JsonWriter'),('validity','ZoneValidator'),('NTS geometry','NetTopologySuite'),
 ('Kestrel/HTTP','Kestrel'),('Kestrel/HTTP','AspNetCore'),('Parallel/threadpool','System.Threading'),('JIT','libclrjit'),('GC/runtime','libcoreclr'),('kernel','[kernel'),]
counts=collections.Counter(); total=0
sample=[]
def flush():
    global total
    if not sample: return
    total+=1
    for fr in sample[1:]:
        for name,key in stages:
            if key in fr:
                counts[name]+=1; return
    counts['other: '+(sample[1].split(None,1)[1][:60] if len(sample)>1 else '?')]+=1
for line in open(sys.argv[1], errors='replace'):
    line=line.rstrip('\n')
    if not line.strip(): flush(); sample=[]; continue
    sample.append(line)
flush()
us=float(sys.argv[2]) if len(sys.argv)>2 else 100
for k,v in counts.most_common(40): print(f"{k:60s} {100*v/total:5.1f}%  {us*v/total:6.1f} us")
print(total)
