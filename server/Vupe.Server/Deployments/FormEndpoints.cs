using Vupe.Server.Hosting;

namespace Vupe.Server.Deployments;

/// <summary>
/// The deployed forms for the designer (<see cref="FormDesign"/>): the list with versions, and one version's form-js
/// schema as deployed. Deploying a form is <c>POST /api/deployments</c> with a KEY.form.json file.
/// </summary>
public static class FormEndpoints
{
    public static void MapFormEndpoints(this IEndpointRouteBuilder api)
    {
        var forms = api.MapGroup("/forms").WithTags("Deployments").RequireAuthorization(Policies.Design);
        forms.MapGet("/", (FormDesign design, CancellationToken ct) => design.ListAsync(ct))
            .WithSummary("Deployed forms (form-js), each key with its versions: who deployed each and when");
        forms.MapGet("/{key}", async (string key, int? version, FormDesign design, CancellationToken ct) =>
        {
            var form = await design.GetAsync(key, version, ct);
            return Results.Text(form.Content, "application/json", System.Text.Encoding.UTF8);
        }).Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound)
          .WithSummary("A form's form-js schema as deployed: its latest version, or ?version=N (404 if never deployed)");
    }
}
