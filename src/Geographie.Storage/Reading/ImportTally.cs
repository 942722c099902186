namespace Geographie.Storage.Reading;

/// <summary>How many imports of <paramref name="Kind"/> (perimeters, register, communes, contrat) ended in <paramref name="Outcome"/> (applied, unchanged, refused).</summary>
public sealed record ImportTally(string Kind, string Outcome, long Count);
