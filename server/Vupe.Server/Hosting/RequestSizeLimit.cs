using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Vupe.Server.Hosting;

/// <summary>A larger body limit for one endpoint (uploads), as endpoint metadata or on a page.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequestBodyLimitAttribute(long maxBytes) : Attribute
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>
/// Refuses bodies over <see cref="ServerOptions.MaxRequestBodyBytes"/> (or the endpoint's <see cref="RequestBodyLimitAttribute"/>)
/// with 413 before anything reads them: by the declared length at once, and by the server's own limit for bodies sent without one.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next, IOptions<ServerOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimitAttribute>()?.MaxBytes ?? options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(title: "La solicitud es demasiado grande.", detail: $"El máximo es {limit / 1024} KB.",
                statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        await next(context);
    }
}
