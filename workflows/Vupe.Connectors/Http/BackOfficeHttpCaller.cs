using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Vupe.Connectors.Http;

/// <summary>
/// One GET to a back office through the client's resilience pipeline, and the translation of however it
/// ended into an answer, a <see cref="ConnectorUnavailableException"/> or a <see cref="ConnectorContractException"/>.
/// </summary>
internal sealed class BackOfficeHttpCaller(HttpClient http, TimeProvider time, ILogger logger)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <param name="notFound">The answer a 404 stands for; null when the contract has no "not found" and a 404 is a fault.</param>
    /// <param name="resource">The path under the base URL; the DNI is appended as the last segment.</param>
    public Task<ConnectorResult<T>> GetAsync<TReply, T>(ConnectorDescriptor descriptor, string resource,
        ConnectorRequest request, Func<TReply, T> toAnswer, T? notFound, CancellationToken cancellationToken)
        where TReply : class, IBackOfficeReply
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return GetAsync(descriptor, resource, new Subject("DNI", request.Dni), request.IdempotencyKey, toAnswer, notFound, cancellationToken);
    }

    /// <summary>As the DNI overload, about another kind of key (a RUC): <paramref name="subject"/> ends the path and must be echoed back.</summary>
    public async Task<ConnectorResult<T>> GetAsync<TReply, T>(ConnectorDescriptor descriptor, string resource,
        Subject subject, string idempotencyKey, Func<TReply, T> toAnswer, T? notFound, CancellationToken cancellationToken)
        where TReply : class, IBackOfficeReply
        where T : class
    {
        var call = ConnectorCallTracker.Start(descriptor, idempotencyKey, time);
        var attempts = new AttemptCounter();
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri($"{resource}/{subject.Value}", UriKind.Relative));
        // Set once here; the retries resend this same message, so every attempt carries the same key.
        message.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Options.Set(AttemptCounter.Key, attempts);
        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var result = await AnswerAsync(call, response, subject, attempts, toAnswer, notFound, cancellationToken).ConfigureAwait(false);
            ConnectorLog.Record(logger, result.Call);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (Translate(call, exception, attempts.Count) is { } failure)
        {
            ConnectorLog.Record(logger, failure.Call);
            throw failure;
        }
    }

    private static ConnectorException? Translate(ConnectorCallTracker call, Exception exception, int attempts) => exception switch
    {
        ConnectorException already => already,
        BrokenCircuitException => call.Unavailable("circuit open after repeated failures; not called", attempts, exception),
        TimeoutRejectedException => call.Unavailable("timed out", attempts, exception),
        // HttpClient's own timeout, the backstop for a body that never finishes arriving.
        OperationCanceledException => call.Unavailable("timed out", attempts, exception),
        HttpRequestException => call.Unavailable($"network error: {exception.Message}", attempts, exception),
        JsonException or NotSupportedException => call.ContractBroken($"malformed JSON: {exception.Message}", attempts, exception),
        _ => null,
    };

    private static async Task<ConnectorResult<T>> AnswerAsync<TReply, T>(ConnectorCallTracker call, HttpResponseMessage response,
        Subject subject, AttemptCounter attempts, Func<TReply, T> toAnswer, T? notFound, CancellationToken cancellationToken)
        where TReply : class, IBackOfficeReply
        where T : class
    {
        var status = response.StatusCode;
        if (status == HttpStatusCode.NotFound && notFound is not null)
        {
            return call.Answer(notFound, reference: null, attempts.Count, ConnectorCallOutcome.NotFound);
        }
        if (IsTransient(status))
        {
            // The retries are spent (or the pipeline gave up): the back office is not answering today.
            throw call.Unavailable($"HTTP {(int)status} {response.ReasonPhrase}", attempts.Count);
        }
        if (status != HttpStatusCode.OK)
        {
            throw call.ContractBroken($"HTTP {(int)status} {response.ReasonPhrase} is not an answer the contract allows", attempts.Count);
        }

        var reply = await response.Content.ReadFromJsonAsync<TReply>(WireJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw call.ContractBroken("the body is JSON null", attempts.Count);
        if (string.IsNullOrWhiteSpace(reply.Reference))
        {
            throw call.ContractBroken("the reply has no reference", attempts.Count);
        }
        if (!string.Equals(reply.Subject, subject.Value, StringComparison.Ordinal))
        {
            throw call.ContractBroken($"the reply is about another {subject.Kind}", attempts.Count);
        }
        T answer;
        try
        {
            answer = toAnswer(reply);
        }
        catch (WireContractViolation violation)
        {
            throw call.ContractBroken(violation.Message, attempts.Count, violation);
        }
        return call.Answer(answer, reply.Reference, attempts.Count);
    }

    /// <summary>The statuses the retry strategy retries, so a final one means "gave up", not "refused".</summary>
    internal static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}

/// <summary>What a call asks about: its kind (DNI, RUC), named in contract errors, and the value, which ends the path.</summary>
internal sealed record Subject(string Kind, string Value);

/// <summary>A reply that parsed but says something the contract forbids (a RUC that is not 11 digits, say).</summary>
internal sealed class WireContractViolation(string message) : Exception(message);
