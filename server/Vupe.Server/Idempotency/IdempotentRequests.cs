using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Vupe.Server.Auth;

namespace Vupe.Server.Idempotency;

/// <summary>
/// Marks a creating POST whose <c>Idempotency-Key</c> header <see cref="IdempotentRequests"/> honours: the kind of
/// resource whose creation marks its work done (<see cref="IdempotentResources"/>), and how to answer again from that
/// resource when the process that created it died before keeping its answer.
/// </summary>
public sealed class IdempotentEndpoint(string resourceKind, Func<HttpContext, Guid, Task<IResult>> answer)
{
    public string ResourceKind { get; } = resourceKind;
    /// <summary>The first answer built again from the created resource's id (the same status, Location and body).</summary>
    public Func<HttpContext, Guid, Task<IResult>> Answer { get; } = answer;
}

public static class IdempotentEndpointExtensions
{
    /// <summary>
    /// The same Idempotency-Key (same caller, same route) answers the first response again instead of creating twice;
    /// the work is done once even across a crash (the <paramref name="resourceKind"/> it creates marks it done, and
    /// <paramref name="answer"/> builds its answer again from it).
    /// </summary>
    public static TBuilder Idempotent<TBuilder>(this TBuilder builder, string resourceKind, Func<HttpContext, Guid, Task<IResult>> answer)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotentEndpoint(resourceKind, answer));
}

/// <summary>
/// The <c>Idempotency-Key</c> of creating POSTs (<see cref="IdempotentEndpoint"/>): the key is reserved in the
/// database before the work starts (<see cref="IdempotencyStore"/>), so of concurrent requests with one key exactly
/// one does the work, which marks the key done in its own transaction (<see cref="IdempotentWork"/>); a later one gets
/// the first answer (status, body, Location) again, one that arrives while the first is at work a 409, one with another
/// body a 422. A failure (an exception, a 5xx) frees the key. A key its dead owner left without an answer is done now
/// (its work never committed) or answered from what its work created.
/// </summary>
internal sealed class IdempotentRequests(RequestDelegate next)
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext context, IdempotencyStore store)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is not { } endpoint
            || !context.Request.Headers.TryGetValue(IdempotencyKeys.Header, out var values))
        {
            await next(context);
            return;
        }
        var key = values.ToString();
        if (!IdempotencyKeys.IsValid(key))
        {
            await Problem(context, StatusCodes.Status400BadRequest, "Clave de idempotencia no válida",
                $"La cabecera {IdempotencyKeys.Header} debe tener entre 1 y {IdempotencyKeys.MaxLength} caracteres ASCII visibles (por ejemplo, un UUID).");
            return;
        }
        var claim = new IdempotencyClaim(ScopeOf(context), context.Request.Path.Value ?? "/", key, await RequestFingerprint.OfAsync(context.Request, context.RequestAborted));
        var outcome = await store.ReserveAsync(claim, context.RequestAborted);
        switch (outcome.Verdict)
        {
            case IdempotencyVerdict.Answered:
                await ReplayAsync(context, outcome.Record!);
                return;
            case IdempotencyVerdict.DoneUnanswered:
                await AnswerAgainAsync(context, store, claim, endpoint, outcome.Record!);
                return;
            case IdempotencyVerdict.InProgress:
                context.Response.Headers.RetryAfter = "1";
                await Problem(context, StatusCodes.Status409Conflict, "Solicitud en curso",
                    $"Una solicitud con la misma {IdempotencyKeys.Header} todavía se está procesando; vuelva a intentarlo en unos segundos para recibir su respuesta.");
                return;
            case IdempotencyVerdict.Mismatch:
                await Problem(context, StatusCodes.Status422UnprocessableEntity, "Clave de idempotencia reutilizada",
                    $"La {IdempotencyKeys.Header} ya se usó para una solicitud distinta; use una clave nueva para cada solicitud diferente.");
                return;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            using (IdempotentWork.Begin(claim, store.Owner, endpoint.ResourceKind)) await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await store.ForgetAsync(claim);
            throw;
        }
        context.Response.Body = original;
        await KeepAndSendAsync(context, store, claim, captured.ToArray(), original);
    }

    /// <summary>Kept before the client sees it: a retry after the answer always gets the same one.</summary>
    private static async Task KeepAndSendAsync(HttpContext context, IdempotencyStore store, IdempotencyClaim claim, byte[] body, Stream to)
    {
        if (context.Response.StatusCode >= 500) await store.ForgetAsync(claim);
        else await store.CompleteAsync(claim, context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, body);
        await to.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>The first answer, built again from the resource the dead owner's work created, and kept this time.</summary>
    private static async Task AnswerAgainAsync(HttpContext context, IdempotencyStore store, IdempotencyClaim claim, IdempotentEndpoint endpoint, IdempotencyRecord record)
    {
        var id = IdempotentResources.IdOf(record.Resource, endpoint.ResourceKind)
            ?? throw new InvalidOperationException($"Idempotency key {claim.Key} on {claim.Route} was marked with «{record.Resource}», not a {endpoint.ResourceKind}.");
        var result = await endpoint.Answer(context, id);
        context.Response.Headers[ReplayedHeader] = "true";
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await result.ExecuteAsync(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var body = captured.ToArray();
        if (context.Response.StatusCode < 500)
            await store.CompleteAsync(claim, context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, body);
        await original.WriteAsync(body, context.RequestAborted);
    }

    private static string ScopeOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? $"user:{UserScope.From(context.User).UserId}" : "anonimo";

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record)
    {
        context.Response.StatusCode = record.Status!.Value;
        if (record.ContentType is not null) context.Response.ContentType = record.ContentType;
        if (record.Location is not null) context.Response.Headers.Location = record.Location;
        context.Response.Headers[ReplayedHeader] = "true";
        if (record.Body is { Length: > 0 } body) await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static Task Problem(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
}

/// <summary>What makes two requests "the same" for a key: the body's SHA-256, with a multipart body's boundary left out (clients pick a new one per send).</summary>
internal static class RequestFingerprint
{
    public static async Task<string> OfAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        request.Body.Position = 0;
        var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Boundary.HasValue
            ? Encoding.ASCII.GetBytes(HeaderUtilities.RemoveQuotes(type.Boundary).ToString())
            : null;
        if (boundary is not { Length: > 0 }) hash.AppendData(bytes);
        else
        {
            while (bytes.IndexOf(boundary) is var at and >= 0)
            {
                hash.AppendData(bytes[..at]);
                bytes = bytes[(at + boundary.Length)..];
            }
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>Deletes expired keys (a Hangfire recurring job: once across nodes).</summary>
public sealed class IdempotencyCleanupJob(IdempotencyStore store, ILogger<IdempotencyCleanupJob> logger)
{
    public const string RecurringJobId = "idempotency-cleanup";

    public async Task RunAsync(CancellationToken ct)
    {
        var deleted = await store.DeleteExpiredAsync(ct);
        if (deleted > 0) logger.LogInformation("Deleted {Count} expired idempotency keys", deleted);
    }
}

public static class IdempotencySetup
{
    public static IServiceCollection AddVupeIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section));
        services.AddSingleton<ServerInstance>();
        services.AddSingleton<IdempotencyMarker>();
        services.AddSingleton<IdempotencyStore>();
        services.AddTransient<IdempotencyCleanupJob>();
        services.AddHostedService<CleanupSchedule>();
        return services;
    }

    private sealed class CleanupSchedule(IRecurringJobManager jobs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            jobs.AddOrUpdate<IdempotencyCleanupJob>(IdempotencyCleanupJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Hourly());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
