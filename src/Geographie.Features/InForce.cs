namespace Geographie.Features;

/// <summary>The days a feature is in force, both inclusive; <see cref="Until"/> is null while it still is.</summary>
public sealed record InForce(DateOnly From, DateOnly? Until)
{
    /// <summary>The first instant in force (midnight UTC of <see cref="From"/>).</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first instant no longer in force (midnight UTC after <see cref="Until"/>), or null.</summary>
    public DateTimeOffset? End => Until is { } until ? new DateTimeOffset(until.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>True when the feature is in force at some instant of [<paramref name="from"/>, <paramref name="to"/>] (null: unbounded).</summary>
    public bool Overlaps(DateTimeOffset? from, DateTimeOffset? to) =>
        (to is null || to >= Start) && (from is null || End is null || from < End);
}
