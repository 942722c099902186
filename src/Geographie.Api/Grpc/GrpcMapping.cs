using Geographie.Api.Grpc.V1;
using Geographie.Domain.Contrat;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Texts;

namespace Geographie.Api.Grpc;

/// <summary>The one place where protobuf messages and domain types meet.</summary>
public static class GrpcMapping
{
    /// <summary>The domain request of a protobuf one; the only problem found here is an unreadable date.</summary>
    public static RequestProblem? ToDomain(this CheckRequest request, out EligibilityRequest domain) =>
        ToDomain(request.Wgs84?.Lon, request.Wgs84?.Lat, request.Lambert93?.X, request.Lambert93?.Y, request.Geography, request.Date,
            request.HasNearDistanceM ? request.NearDistanceM : null, request.HasPositionUncertaintyM ? request.PositionUncertaintyM : null, out domain);

    /// <summary>The domain request of a batch item as <see cref="BatchRequestReader"/> read it; as for a <see cref="CheckRequest"/>.</summary>
    public static RequestProblem? ToDomain(this in BatchItem item, out EligibilityRequest domain)
    {
        var wgs84 = item.Location == CheckRequest.LocationOneofCase.Wgs84;
        var lambert93 = item.Location == CheckRequest.LocationOneofCase.Lambert93;
        return ToDomain(wgs84 ? item.First : null, wgs84 ? item.Second : null, lambert93 ? item.First : null, lambert93 ? item.Second : null,
            item.Geography, item.Date, item.NearDistanceM, item.PositionUncertaintyM, out domain);
    }

    private static RequestProblem? ToDomain(
        double? lon, double? lat, double? x, double? y, string geography, string date, double? nearDistanceM, double? positionUncertaintyM,
        out EligibilityRequest domain)
    {
        if (Http.RequestDate.TryParse(date, out var parsed) is { } badDate)
        {
            domain = default;
            return badDate;
        }
        domain = new EligibilityRequest(lon, lat, x, y, geography.Length > 0 ? geography : null, parsed, nearDistanceM, positionUncertaintyM);
        return null;
    }

    /// <summary>
    /// The field violation of a domain problem in the proto's words: <c>lon</c> is <c>wgs84.lon</c>, <c>x</c> is
    /// <c>lambert93.x</c>, the choice between the two is the <c>location</c> oneof, options keep their names.
    /// </summary>
    public static (string Field, string Message) InProtoWords(RequestProblem problem, Language language)
    {
        var field = problem.Field switch
        {
            "lon" or "lat" => "wgs84." + problem.Field,
            "x" or "y" => "lambert93." + problem.Field,
            var other => other,
        };
        var message = problem.Text switch
        {
            DomainText.LocationBoth => DomainTexts.Catalogue.Format(language, DomainText.LocationBothProto),
            DomainText.LocationMissing => DomainTexts.Catalogue.Format(language, DomainText.LocationMissingProto),
            _ => problem.Message(language),
        };
        return (field, message);
    }

    /// <summary>"field: message" in the proto's words, as the reason of an INVALID answer to a batch item.</summary>
    public static string ReasonInProtoWords(RequestProblem problem, Language language)
    {
        var (field, message) = InProtoWords(problem, language);
        return $"{field}: {message}";
    }

    /// <summary>The address of a request whose location is one, else an empty query (no address input).</summary>
    public static Geographie.Addresses.AddressQuery ToAddressQuery(this CheckRequest request) =>
        ToAddressQuery(request.LocationCase == CheckRequest.LocationOneofCase.Address ? request.Address : null);

    /// <summary>The query of an address message, else an empty query (no address input).</summary>
    public static Geographie.Addresses.AddressQuery ToAddressQuery(this Address? address) =>
        address is { } a
            ? new Geographie.Addresses.AddressQuery(a.Text, a.Numero, a.Voie, a.CodePostal, a.Citycode, a.Commune)
            : new Geographie.Addresses.AddressQuery();

    /// <summary>The protobuf form of what an address was matched to.</summary>
    public static V1.MatchedAddress ToProto(this Addresses.MatchedAddress matched) => new()
    {
        Label = matched.Label, Id = matched.Id ?? string.Empty, Score = matched.Score, MatchType = matched.MatchType,
        Lon = matched.Lon, Lat = matched.Lat,
    };

    // One message per quartier, shared by every answer that names it: protobuf serialises shared sub-messages fine,
    // and INSIDE answers then allocate no quartier. Keyed by the (immutable) domain object, so a new snapshot's
    // quartiers get new messages and old ones are collected with their snapshot.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Domain.Quartiers.Quartier, V1.Quartier> Messages = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Domain.Quartiers.Quartier, V1.Quartier> LeanMessages = new();

    /// <summary>The protobuf answer of a domain result; <paramref name="lean"/> leaves out the reason and the quartier's details.</summary>
    public static CheckResponse ToProto(this EligibilityResult result, string id, ContratDeVille? contrat, bool lean = false)
    {
        var response = new CheckResponse
        {
            Id = id,
            Status = (Status)(int)result.Status,
            Reason = lean ? string.Empty : result.Reason,
            Geography = result.Geography?.Code ?? string.Empty,
            NearestCode = result.Quartier is null ? result.Nearest?.Code ?? string.Empty : string.Empty,
        };
        if (result.DistanceM is { } distance)
        {
            response.DistanceM = distance;
        }
        if (result.NearestLoaded is { } loaded)
        {
            response.NearestLoaded = new NearestLoaded { Code = loaded.Code, Name = loaded.Name, DistanceM = result.NearestLoadedM!.Value, Geography = loaded.Version };
        }
        if (result.LoadedHere is { Count: > 0 } loadedHere)
        {
            response.LoadedGeographies.AddRange(loadedHere.Select(v => v.Code));
            response.Hint = lean ? string.Empty : result.Hint ?? string.Empty;
        }
        if (result.Quartier is { } quartier)
        {
            response.Quartier = ToProto(quartier, lean);
            if (contrat is not null && !lean)
            {
                AddContrat(response, contrat, quartier);
            }
        }
        return response;
    }

    /// <summary>The message of a quartier (shared, do not modify): code only when <paramref name="lean"/>, else with name, communes and edition.</summary>
    public static V1.Quartier ToProto(Domain.Quartiers.Quartier quartier, bool lean) =>
        lean ? LeanMessages.GetValue(quartier, q => new V1.Quartier { Code = q.Code }) : Messages.GetValue(quartier, ToProto);

    /// <summary>Adds the quartier's défis (editorial links) and the projets reaching it to <paramref name="response"/>.</summary>
    public static void AddContrat(CheckResponse response, ContratDeVille contrat, Domain.Quartiers.Quartier quartier)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(contrat);
        response.Defis.AddRange(contrat.DefisOf(quartier).Select(d => new ContratItem { Id = d.Defi.Id, Title = d.Defi.Title, Editorial = d.Via.All(v => v.Link.Editorial) }));
        response.Projets.AddRange(contrat.ProjetsReaching(quartier).Select(p => new ContratItem { Id = p.Id, Title = p.Title }));
    }

    private static V1.Quartier ToProto(Domain.Quartiers.Quartier quartier)
    {
        var message = new V1.Quartier { Code = quartier.Code, Name = quartier.Name, Geography = quartier.Version };
        message.Communes.AddRange(quartier.Communes.Select(c => new V1.Commune { Insee = c.Insee ?? string.Empty, Name = c.Name }));
        return message;
    }
}
