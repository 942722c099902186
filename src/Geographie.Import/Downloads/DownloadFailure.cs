using System.Net;

namespace Geographie.Import.Downloads;

/// <summary>Why a download did not give a whole file: the URL, what happened, and the HTTP status when the server answered with an error.</summary>
/// <param name="Url">The URL asked.</param>
/// <param name="Reason">What happened: the status and its phrase, the connection error, the time limit, a cut body.</param>
/// <param name="Status">The error status the server answered, or null when it did not answer one.</param>
public sealed record DownloadFailure(Uri Url, string Reason, HttpStatusCode? Status);
