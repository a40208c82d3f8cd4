using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vupe.Connectors.Tests;

/// <summary>
/// A real Kestrel on a free local port playing a back office whose answers each test scripts, counting
/// every request that reaches it and the Idempotency-Key it carried.
/// </summary>
internal sealed class FakeBackOffice : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Hit> hits = new();
    private volatile Func<HttpContext, int, Task> behaviour = (context, _) => Respond(context, 500);

    private FakeBackOffice(WebApplication app)
    {
        this.app = app;
    }

    public sealed record Hit(string Path, string? IdempotencyKey, DateTimeOffset At);

    /// <summary>Under a path segment, so the tests also show the base URL's path is kept.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<Hit> Hits => [.. hits];

    public static async Task<FakeBackOffice> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeBackOffice(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri($"{address}/backoffice");
        return server;
    }

    /// <summary>How to answer; the second argument is the 1-based number of the request.</summary>
    public void Script(Func<HttpContext, int, Task> answer) => behaviour = answer;

    public void AlwaysRespond(int status, string? json = null) => Script((context, _) => Respond(context, status, json));

    public static async Task Respond(HttpContext context, int status, string? json = null)
    {
        context.Response.StatusCode = status;
        if (json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json, context.RequestAborted);
        }
    }

    private Task HandleAsync(HttpContext context)
    {
        var key = context.Request.Headers.TryGetValue("Idempotency-Key", out var values) ? values.ToString() : null;
        hits.Enqueue(new Hit(context.Request.Path.Value ?? "", key, DateTimeOffset.UtcNow));
        return behaviour(context, hits.Count);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }
}
