using Vupe.Engine;
using Vupe.Server.Hosting;

namespace Vupe.Server.Deployments;

/// <summary>
/// Deployments over HTTP (<see cref="DeploymentService"/>): POST a multipart set of files (field "files", optional
/// "name"), list deployments and their files, process definitions with instance counts and their XML. A refused set
/// is a 422 whose "errors" lists each problem with its file, element and line.
/// </summary>
public static class DeploymentEndpoints
{
    public static void MapDeploymentEndpoints(this IEndpointRouteBuilder api)
    {
        var deployments = api.MapGroup("/deployments").WithTags("Deployments").RequireAuthorization(Policies.Design);

        deployments.MapPost("/", async (HttpContext http, DeploymentService service, CancellationToken ct) =>
        {
            // Refused before the upload is read: an office supervisor's files are not parsed only to be turned away.
            if (!DeploymentService.MayDeploy(Auth.UserScope.From(http.User)))
                throw new Problems.AccessDeniedException("Solo los supervisores nacionales y los administradores despliegan procedimientos.");
            var (name, files) = await ReadFilesAsync(http.Request, ct);
            var created = await service.DeployAsync(name, files, ct);
            return Results.Created($"/api/deployments/{created.Id}", created);
        }).WithMetadata(new RequestBodyLimitAttribute(DeploymentService.MaxFiles * DeploymentService.MaxFileBytes / 10))
          .WithSummary("Deploys .bpmn, .dmn and .form.json files (multipart: files, name?); unchanged files make no new version; 422 with located errors, nothing stored");

        deployments.MapPost("/validate", async (HttpContext http, DeploymentService service, CancellationToken ct) =>
        {
            var (_, files) = await ReadFilesAsync(http.Request, ct);
            return Results.Ok(new { errors = service.Validate(files) });
        }).WithMetadata(new RequestBodyLimitAttribute(DeploymentService.MaxFiles * DeploymentService.MaxFileBytes / 10))
          .WithSummary("Checks files as a deployment would (multipart: files), storing nothing: { errors: [{ file, elementId, line, message }] }");

        deployments.MapGet("/", (DeploymentService service, CancellationToken ct) => service.ListAsync(ct)).WithSummary("Deployments, newest first, with the versions each made");
        deployments.MapGet("/{id:guid}", (Guid id, DeploymentService service, CancellationToken ct) => service.GetAsync(id, ct)).WithSummary("One deployment");
        deployments.MapGet("/{id:guid}/files/{name}", async (Guid id, string name, DeploymentService service, CancellationToken ct) =>
        {
            var file = await service.FileAsync(id, name, ct);
            var type = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "application/xml";
            return Results.Text(file.Content, type, System.Text.Encoding.UTF8);
        }).WithSummary("A file of a deployment, as deployed");

        var migrations = api.MapGroup("/migrations").WithTags("Deployments").RequireAuthorization(Policies.Design);
        migrations.MapPost("/plan", (MigrationRequest request, MigrationService service, CancellationToken ct) => service.PlanAsync(request, ct))
            .WithSummary("Dry run: which running instances of the source version can move to the target (mappings from → to; same ids by default), and why not");
        migrations.MapPost("/", async (MigrationRequest request, MigrationService service, CancellationToken ct) =>
        {
            var run = await service.StartAsync(request, ct);
            return Results.Accepted($"/api/migrations/{run.Id}", run);
        }).WithSummary("Migrates the running instances in the background (202); each case in its own transaction, audited; follow it at /api/migrations/{id}");
        migrations.MapGet("/{id:guid}", (Guid id, MigrationService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("A migration's progress and the cases that could not move, with their reasons");

        api.MapGet("/designer/catalog", (DesignerService designer, CancellationToken ct) => designer.CatalogAsync(ct))
            .WithTags("Deployments").RequireAuthorization(Policies.Design)
            .WithSummary("What the designer's properties panel offers: task types, offices and candidate group patterns, deployed forms, decisions and processes with versions");
        var drafts = api.MapGroup("/drafts").WithTags("Deployments").RequireAuthorization(Policies.Design);
        drafts.MapGet("/", (DesignerService designer, CancellationToken ct) => designer.DraftsAsync(ct)).WithSummary("Drafts of the user's office (all for national users)");
        drafts.MapGet("/{key}", (string key, DesignerService designer, CancellationToken ct) => designer.DraftAsync(key, ct)).WithSummary("One draft");
        drafts.MapPut("/{key}", (string key, DraftInput input, DesignerService designer, CancellationToken ct) => designer.SaveDraftAsync(key, input, ct))
            .WithMetadata(new RequestBodyLimitAttribute(DesignerService.MaxDraftBytes * 2))
            .WithSummary("Keeps a file being designed (fileName, content, version? to detect a concurrent edit); never changes what runs");
        drafts.MapDelete("/{key}", async (string key, DesignerService designer, CancellationToken ct) =>
        {
            await designer.DeleteDraftAsync(key, ct);
            return Results.NoContent();
        }).WithSummary("Discards a draft");
        drafts.MapPost("/{key}/deploy", async (string key, DesignerService designer, CancellationToken ct) =>
        {
            var created = await designer.DeployDraftAsync(key, ct);
            return Results.Created($"/api/deployments/{created.Id}", created);
        }).WithSummary("Publishes the draft as a new version (national supervisors and admins) and removes it");

        var definitions = api.MapGroup("/process-definitions").WithTags("Deployments").RequireAuthorization(Policies.Design);
        definitions.MapGet("/", (string? key, DeploymentService service, CancellationToken ct) => service.DefinitionsAsync(key, ct))
            .WithSummary("Process definitions (optionally of one key) with who deployed them and their running and ended instances");
        definitions.MapGet("/{id}/xml", async (string id, DeploymentService service, CancellationToken ct) =>
            Results.Text(await service.DefinitionXmlAsync(id, ct), "application/xml", System.Text.Encoding.UTF8)).WithSummary("A process definition's BPMN XML");
    }

    /// <summary>The multipart form's text files: each "files" part as a deployment resource (UTF-8), and the optional "name".</summary>
    private static async Task<(string? Name, List<DeploymentResource> Files)> ReadFilesAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new Problems.FieldValidationException(new Dictionary<string, string[]> { ["files"] = ["Envíe los archivos como multipart/form-data (campo files)."] });
        var form = await request.ReadFormAsync(ct);
        var files = new List<DeploymentResource>();
        foreach (var file in form.Files.GetFiles("files"))
        {
            if (file.Length > DeploymentService.MaxFileBytes)
                throw new Problems.FieldValidationException(new Dictionary<string, string[]> { ["files"] = [$"{file.FileName}: más de {DeploymentService.MaxFileBytes / 1024 / 1024} MB."] });
            using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8);
            files.Add(new DeploymentResource(Path.GetFileName(file.FileName), await reader.ReadToEndAsync(ct)));
        }
        return (form.TryGetValue("name", out var name) ? name.ToString() : null, files);
    }
}
