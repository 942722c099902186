using System.Reflection;

namespace Geographie.Domain.Tests.Architecture;

/// <summary>The fast tier stays fast: nothing it loads can open a database connection.</summary>
public sealed class NoDatabaseTests
{
    [Fact]
    public void Nothing_this_tier_references_reaches_Npgsql_or_the_storage_layer()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(NoDatabaseTests).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var name in assembly.GetReferencedAssemblies().Where(n => n.Name is { } s && s.StartsWith("Geographie", StringComparison.Ordinal)))
            {
                if (seen.Add(name.Name!))
                {
                    pending.Push(Assembly.Load(name));
                }
            }
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), n => n.Name!.StartsWith("Npgsql", StringComparison.Ordinal));
        }

        Assert.Contains("Geographie.Import", seen);
        Assert.DoesNotContain("Geographie.Storage", seen);
        Assert.DoesNotContain("Geographie.Testing", seen);
    }
}
