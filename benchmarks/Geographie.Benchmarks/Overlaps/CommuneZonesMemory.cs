using System.Globalization;
using Geographie.Domain.Overlaps;
using Geographie.Domain.Texts;
using Geographie.Import.Shipped;

namespace Geographie.Benchmarks.Overlaps;

/// <summary>
/// `quick overlaps communezones`: the memory a snapshot keeps for its commune zones (<see cref="CommuneZones"/>) once
/// every shipped outline has been asked in both languages: bytes retained (<see cref="GC.GetTotalMemory(bool)"/> after
/// full collections, before and after), per vertex of the outlines and in all. A memory figure, not a speed one.
/// </summary>
public static class CommuneZonesMemory
{
    public static void Run()
    {
        var data = new ShippedFilesSource(Path.Combine(Workloads.Root, "geodata")).Read();
        var outlined = data.Communes.Where(c => c.Outline is not null).ToArray();
        var vertices = outlined.Sum(c => (long)c.Outline!.NumPoints);

        // The code paths run once first, so that what they allocate for good (JIT, statics) is not counted.
        AskAll(new CommuneZones(outlined));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var zones = new CommuneZones(outlined);
        var repaired = AskAll(zones);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(zones);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {outlined.Length} shipped outlines, {vertices:N0} vertices, {repaired} repaired | {after - before:N0} bytes retained | {(double)(after - before) / vertices:N1} bytes per vertex |"));
    }

    /// <summary>Asks every zone in every language, as the rings' area is kept once measured; returns how many were repaired.</summary>
    private static int AskAll(CommuneZones zones)
    {
        var repaired = 0;
        foreach (var language in Enum.GetValues<Language>())
        {
            for (var i = 0; i < zones.Communes.Count; i++)
            {
                var zone = zones.At(i, language)!;
                _ = zone.Rings.Area;
                repaired += language == Language.French && zone.Repair is not null ? 1 : 0;
            }
        }

        return repaired;
    }
}
