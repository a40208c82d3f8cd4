using Vupe.Engine;
using Vupe.Forms;

namespace Vupe.Workflows;

/// <summary>
/// form-js forms (".form.json") as deployable resources of the engine, versioned under the file's name without
/// ".form.json" — what a user task's vupe:formKey names. A form that does not parse is refused whole, one problem
/// per component (its id or key and location).
/// </summary>
public sealed class FormResourceKind : IResourceKind
{
    public const string Extension = ".form.json";

    public string Kind => ResourceKinds.Form;

    public bool Accepts(string resourceName) => resourceName.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    public static string KeyOf(string resourceName)
    {
        var name = Path.GetFileName(resourceName);
        return name[..^Extension.Length];
    }

    public ResourceCheck Check(string resourceName, string content)
    {
        try
        {
            FormSchema.Parse(content);
            return new ResourceCheck([new ResourceKey(KeyOf(resourceName), null)], []);
        }
        catch (FormSchemaException e)
        {
            return new ResourceCheck([], [.. e.Problems.Select(p => new DeploymentProblem(resourceName, p.ComponentId ?? p.Key, 0, p.Location is null ? p.Message : $"{p.Location}: {p.Message}"))]);
        }
    }
}
