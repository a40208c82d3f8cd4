using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Data;

namespace Vupe.Server.Tests;

/// <summary>
/// One application layer for pages and API: no endpoint handler and no page model reaches the engine, the database
/// context or the audit log directly — they call the application services (CaseFiles, TaskWork, InboxService, …),
/// where access is decided once. The endpoints are taken from the running server's endpoint data source.
/// </summary>
public sealed class ApplicationLayerTests : ServerTestBase
{
    private static readonly Type[] Forbidden = [typeof(ProcessEngine), typeof(VupeDbContext), typeof(AuditLog)];

    [Test]
    public void No_endpoint_handler_uses_the_engine_the_database_context_or_the_audit_log()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var handlers = endpoints.Select(e => (Route: e.DisplayName ?? e.RoutePattern.RawText, Method: e.Metadata.GetMetadata<MethodInfo>()))
            .Where(h => h.Method is not null && h.Method.DeclaringType?.Assembly == typeof(Program).Assembly).ToList();
        Assert.That(handlers, Has.Count.GreaterThan(40), "the API's minimal-API handlers were found");

        var offenders = handlers.SelectMany(h => Offences(h.Method!).Select(o => $"{h.Route}: {o}")).ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void No_page_model_uses_the_engine_the_database_context_or_the_audit_log()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel))).ToList();
        Assert.That(pages, Has.Count.GreaterThan(8));

        var offenders = pages.SelectMany(PageOffences).ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void The_check_finds_a_page_or_handler_that_reaches_past_the_application_layer()
    {
        Assert.That(PageOffences(typeof(BadPage)), Has.Count.EqualTo(2), "constructor and handler parameter");
        Assert.That(Offences(typeof(ApplicationLayerTests).GetMethod(nameof(BadHandler), BindingFlags.NonPublic | BindingFlags.Static)!), Has.Count.EqualTo(1));
    }

    private static List<string> PageOffences(Type page) =>
    [
        .. page.GetConstructors().SelectMany(c => c.GetParameters()).Where(p => IsForbidden(p.ParameterType)).Select(p => $"{page.Name}({p.ParameterType.Name} {p.Name})"),
        .. page.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => m.Name.StartsWith("On", StringComparison.Ordinal))
            .SelectMany(Offences).Select(o => $"{page.Name}.{o}"),
    ];

    /// <summary>A handler's parameters, and what a lambda's closure holds.</summary>
    private static List<string> Offences(MethodInfo method) =>
    [
        .. method.GetParameters().Where(p => IsForbidden(p.ParameterType)).Select(p => $"{method.Name}({p.ParameterType.Name} {p.Name})"),
        .. (method.DeclaringType?.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic) ?? [])
            .Where(f => f.DeclaringType!.Name.Contains("DisplayClass", StringComparison.Ordinal) && IsForbidden(f.FieldType)).Select(f => $"{method.Name} captures {f.FieldType.Name}"),
    ];

    private static bool IsForbidden(Type type) => Forbidden.Any(f => f.IsAssignableFrom(type));

    private static Task<CaseFileInfo> BadHandler(Guid id, ProcessEngine engine) => engine.Cases.GetAsync(id);

    private sealed class BadPage(VupeDbContext db) : PageModel
    {
        public VupeDbContext Db { get; } = db;

        public Task<List<AuditEntry>> OnGetAsync(AuditLog audit) => audit.ReadAsync("case:x", CancellationToken.None);
    }
}
