using Geographie.Domain.Texts;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// What is wrong with a request: the field (as named on the wire, snake_case) and a message for a person, written
/// in the language asked for when it is read. Immutable.
/// </summary>
public sealed class RequestProblem
{
    private readonly Func<Language, string> _message;

    /// <summary>A problem whose message is the domain's <paramref name="text"/> with <paramref name="args"/>.</summary>
    public RequestProblem(string field, DomainText text, params object?[] args)
        : this(field, language => DomainTexts.Catalogue.Format(language, text, args))
    {
        Text = text;
        Args = args;
    }

    /// <summary>A problem whose message an adapter writes (its own catalogue, in each language).</summary>
    public RequestProblem(string field, Func<Language, string> message)
    {
        Field = field;
        _message = message;
    }

    /// <summary>The field at fault.</summary>
    public string Field { get; }

    /// <summary>The domain text of the message, or null for an adapter's own.</summary>
    public DomainText? Text { get; }

    /// <summary>The values in <see cref="Text"/>'s placeholders.</summary>
    public IReadOnlyList<object?> Args { get; } = [];

    /// <summary>The message in <paramref name="language"/>.</summary>
    public string Message(Language language) => _message(language);

    /// <summary>"field: message", as an INVALID answer's reason.</summary>
    public string Describe(Language language) => $"{Field}: {_message(language)}";
}
