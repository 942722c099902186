namespace Geographie.Domain.Contrat;

/// <summary>
/// Checks a Contrat before it is stored: every record has a complete source, ids are unique, orientations, défis
/// and projets referred to exist, scopes are well-formed, and every QPV code and commune is known to the register.
/// Each problem names its record. An import proceeds only when there is none.
/// </summary>
public static class ContratValidator
{
    /// <summary>The problems of <paramref name="contrat"/>; empty when it can be stored.</summary>
    public static IReadOnlyList<string> Problems(ContratDeVille contrat, ISet<string> knownQuartierCodes, ISet<string> knownCommunes)
    {
        var problems = new List<string>();
        void Check(bool ok, string recordId, string message)
        {
            if (!ok)
            {
                problems.Add($"{recordId}: {message}");
            }
        }

        var records = contrat.Defis.Select(d => (d.Id, (SeedSource?)d.Source))
            .Concat(contrat.Orientations.Select(o => (o.Id, (SeedSource?)o.Source)))
            .Concat(contrat.Projets.Select(p => (p.Id, (SeedSource?)p.Source)))
            .Concat(contrat.Chantiers.Select(c => (c.Id, (SeedSource?)c.Source)))
            .Concat(contrat.Deliberations.Select(d => (d.Id, (SeedSource?)d.Source)))
            .ToArray();
        foreach (var (id, source) in records)
        {
            Check(source?.IsComplete == true, id, "missing source (file and section of the seed)");
        }
        foreach (var duplicate in records.GroupBy(r => r.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"{duplicate.Key}: id used {duplicate.Count()} times");
        }

        var orientations = contrat.Orientations.Select(o => o.Id).ToHashSet();
        var defis = contrat.Defis.Select(d => d.Id).ToHashSet();
        var projets = contrat.Projets.Select(p => p.Id).ToHashSet();
        foreach (var projet in contrat.Projets)
        {
            Check(orientations.Contains(projet.OrientationId), projet.Id, $"unknown orientation '{projet.OrientationId}'");
            Check(projet.Registres.Count > 0, projet.Id, "no registre");
            Check(projet.Scope.Kind != ProjetScopeKind.Communes || projet.Scope.Communes.Count > 0, projet.Id, "scope 'communes' lists no commune");
            Check(projet.Scope.Kind != ProjetScopeKind.Quartiers || projet.Scope.Quartiers.Count > 0, projet.Id, "scope 'quartiers' lists no quartier");
            Check(projet.Scope.Source.IsComplete, projet.Id, "scope without a source");
            CheckPlaces(projet.Id, projet.Scope.Communes, projet.Scope.Quartiers);
            foreach (var link in projet.Defis)
            {
                Check(defis.Contains(link.DefiId), projet.Id, $"unknown défi '{link.DefiId}'");
                Check(!string.IsNullOrWhiteSpace(link.Justification), projet.Id, $"link to {link.DefiId} has no justification");
            }
        }
        foreach (var deliberation in contrat.Deliberations)
        {
            CheckPlaces(deliberation.Id, deliberation.Territory.Communes, deliberation.Territory.Quartiers);
            foreach (var projetId in deliberation.ProjetIds)
            {
                Check(projets.Contains(projetId), deliberation.Id, $"unknown projet '{projetId}'");
            }
        }
        foreach (var quartier in contrat.Territoires.Quartiers)
        {
            CheckPlaces($"territoires/{quartier.SeedName}", [quartier.InseeCom], [quartier.Code]);
        }
        foreach (var territoire in contrat.Territoires.TerritoiresAEnjeux)
        {
            CheckPlaces($"territoires/{territoire.Commune}", [territoire.InseeCom], []);
        }
        return problems;

        void CheckPlaces(string recordId, IEnumerable<string> communes, IEnumerable<string> quartiers)
        {
            foreach (var commune in communes)
            {
                Check(knownCommunes.Contains(commune), recordId, $"unknown commune '{commune}'");
            }
            foreach (var code in quartiers)
            {
                Check(knownQuartierCodes.Contains(code), recordId, $"unknown QPV code '{code}' (not in the 2024 register)");
            }
        }
    }
}
