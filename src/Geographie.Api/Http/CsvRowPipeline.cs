using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Geographie.Api.Texts;
using Geographie.Domain.Texts;
using Geographie.Import.Csv;

namespace Geographie.Api.Http;

/// <summary>
/// Every row of an opened CSV body, chunk by chunk (<see cref="CsvChunk"/>) through three stages that overlap: chunk
/// n + 1 is read while chunk n is checked and chunk n − 1 is answered, each stage on a thread of its own, every chunk
/// handed on in order. Before, reading and answering waited for the checks (and the checks for them), which left a
/// core idle for most of a large batch. At most <see cref="ChunksInFlight"/> chunks exist per body, reused, so a body
/// of any length is answered in flat memory.
/// </summary>
internal static class CsvRowPipeline
{
    // One being read, one being checked, one being answered, and one waiting between two stages.
    private const int ChunksInFlight = 4;

    /// <summary>
    /// Reads every row of <paramref name="csv"/> into chunks, hands each to <paramref name="check"/> and then to
    /// <paramref name="answer"/>, in order; returns why the body could not be read to its end, or null. A row the
    /// reader cannot read is kept with its reason (<see cref="CsvChunkRow.Broken"/>). When a stage throws (the
    /// request aborted, the client gone), the others stop and its exception is thrown once they have.
    /// </summary>
    public static async Task<string?> RunAsync(
        CsvRowReader csv, Language language, Func<CsvChunk, CancellationToken, ValueTask> check,
        Func<CsvChunk, CancellationToken, ValueTask> answer, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var free = Channel.CreateBounded<CsvChunk>(ChunksInFlight);
        for (var i = 0; i < ChunksInFlight; i++)
        {
            free.Writer.TryWrite(new CsvChunk());
        }
        var read = Channel.CreateUnbounded<CsvChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var checkedChunks = Channel.CreateUnbounded<CsvChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        string? failure = null;
        Task[] stages =
        [
            Stage(async token =>
            {
                var more = true;
                while (more)
                {
                    var chunk = await free.Reader.ReadAsync(token);
                    (more, failure) = await ReadChunkAsync(csv, chunk, language, token);
                    read.Writer.TryWrite(chunk);
                }
            }, read.Writer, stop),
            Stage(async token =>
            {
                await foreach (var chunk in read.Reader.ReadAllAsync(token))
                {
                    await check(chunk, token);
                    checkedChunks.Writer.TryWrite(chunk);
                }
            }, checkedChunks.Writer, stop),
            Stage(async token =>
            {
                await foreach (var chunk in checkedChunks.Reader.ReadAllAsync(token))
                {
                    await answer(chunk, token);
                    free.Writer.TryWrite(chunk);
                }
            }, null, stop),
        ];
        try
        {
            await Task.WhenAll(stages);
        }
        catch (Exception) when (Cause(stages) is { } cause)
        {
            // The stage that failed first, not the cancellations it caused in the others.
            ExceptionDispatchInfo.Throw(cause);
        }
        return failure;
    }

    private static Exception? Cause(Task[] stages)
    {
        var thrown = stages.Select(s => s.Exception?.InnerException).OfType<Exception>().ToList();
        return thrown.FirstOrDefault(e => e is not OperationCanceledException) ?? thrown.FirstOrDefault();
    }

    // Runs one stage on a thread of its own; when it ends, the next stage learns there is nothing more (or why not).
    private static Task Stage(Func<CancellationToken, Task> work, ChannelWriter<CsvChunk>? next, CancellationTokenSource stop) => Task.Run(async () =>
    {
        try
        {
            await work(stop.Token);
            next?.TryComplete();
        }
        catch (Exception e)
        {
            await stop.CancelAsync();
            next?.TryComplete(e);
            throw;
        }
    });

    // Reads up to MaxRows rows; false at the end of the body, with the reason when the body could not be read to its end.
    private static async Task<(bool More, string? Failure)> ReadChunkAsync(CsvRowReader csv, CsvChunk chunk, Language language, CancellationToken cancel)
    {
        var rows = chunk.Rows;
        rows.Clear();
        chunk.Located = null;
        try
        {
            while (rows.Count < CsvChunk.MaxRows)
            {
                try
                {
                    if (await csv.ReadRowAsync(cancel) is not { } fields)
                    {
                        return (false, null);
                    }
                    rows.Add(new CsvChunkRow(fields, csv.LineNumber, null));
                }
                catch (CsvRowException broken)
                {
                    rows.Add(new CsvChunkRow(null, broken.LineNumber, language.Say(broken)));
                }
            }
            return (true, null);
        }
        catch (BadHttpRequestException e)
        {
            return (false, language.Say(EdgeText.BodyUnreadable, e.StatusCode));
        }
        catch (IOException) when (!cancel.IsCancellationRequested)
        {
            return (false, language.Say(EdgeText.ConnectionFailed));
        }
    }
}
