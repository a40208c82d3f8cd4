using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vupe.Server.Tests;

/// <summary>
/// The deployed forms as the designer's form editor reads them: the list with versions and who deployed them, one
/// version's schema exactly as deployed (latest by default), 404 for what was never deployed, and supervisors only.
/// </summary>
public sealed class FormDesignTests : ServerTestBase
{
    private static string Form(string label) =>
        $$"""{ "id": "encuesta-editor", "type": "default", "schemaVersion": 16, "components": [ { "id": "f_nota", "type": "number", "key": "nota", "label": "{{label}}" } ] }""";

    private static MultipartFormDataContent File(string name, string content)
    {
        var part = new StringContent(content, Encoding.UTF8);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new MultipartFormDataContent { { part, "files", name } };
    }

    [Test]
    public async Task Catalogue_forms_are_listed_with_their_versions_and_a_version_is_read_as_deployed()
    {
        var national = await As("supervisor.nacional");
        var forms = await national.GetFromJsonAsync<JsonElement>("/api/forms");
        var asistencia = forms.EnumerateArray().Single(f => f.GetProperty("key").GetString() == "cl-asistencia");
        Assert.That(asistencia.GetProperty("versions")[0].GetProperty("version").GetInt32(), Is.EqualTo(1));

        var response = await national.GetAsync("/api/forms/cl-asistencia");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var schema = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(schema.GetProperty("components").EnumerateArray().Select(c => c.TryGetProperty("label", out var l) ? l.GetString() : null),
            Does.Contain("Horas cursadas"));
    }

    [Test]
    public async Task A_new_version_becomes_the_latest_and_earlier_versions_stay_readable()
    {
        var national = await As("supervisor.nacional");
        Assert.That((await national.PostAsync("/api/deployments", File("encuesta-editor.form.json", Form("Nota")))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var second = Form("Nota final (0 a 20)");
        Assert.That((await national.PostAsync("/api/deployments", File("encuesta-editor.form.json", second))).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        Assert.That(await national.GetStringAsync("/api/forms/encuesta-editor"), Is.EqualTo(second), "the file exactly as deployed");
        var first = await national.GetFromJsonAsync<JsonElement>("/api/forms/encuesta-editor?version=1");
        Assert.That(first.GetProperty("components")[0].GetProperty("label").GetString(), Is.EqualTo("Nota"));

        var listed = (await national.GetFromJsonAsync<JsonElement>("/api/forms")).EnumerateArray().Single(f => f.GetProperty("key").GetString() == "encuesta-editor");
        var versions = listed.GetProperty("versions").EnumerateArray().ToList();
        Assert.That(versions.Select(v => v.GetProperty("version").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(versions[1].GetProperty("deployedBy").GetString(), Is.EqualTo("supervisor.nacional"));
        Assert.That(versions[1].GetProperty("deploymentId").GetGuid(), Is.Not.EqualTo(versions[0].GetProperty("deploymentId").GetGuid()));
    }

    [Test]
    public async Task A_form_or_version_never_deployed_is_not_found()
    {
        var national = await As("supervisor.nacional");
        Assert.That((await national.GetAsync("/api/forms/no-existe")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var missingVersion = await national.GetAsync("/api/forms/cl-asistencia?version=99");
        Assert.That(missingVersion.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await ProblemOf(missingVersion)).GetProperty("title").GetString(), Is.EqualTo("No encontrado."));
    }

    [Test]
    public async Task The_engine_check_behind_the_editor_s_Validar_locates_a_broken_component()
    {
        // The page posts KEY.form.json to /api/deployments/validate; a field without a key is refused with its component id.
        var broken = """{ "type": "default", "components": [ { "id": "Field_sinClave", "type": "textfield", "label": "Sin clave" } ] }""";
        var result = await (await As("supervisor.lim")).PostAsync("/api/deployments/validate", File("nuevo.form.json", broken));
        var errors = (await result.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].GetProperty("file").GetString(), Is.EqualTo("nuevo.form.json"));
        Assert.That(errors[0].GetProperty("elementId").GetString(), Is.EqualTo("Field_sinClave"));
    }

    [Test]
    public async Task The_form_editor_page_opens_a_deployed_version_and_answers_404_for_an_unknown_one()
    {
        var office = await As("supervisor.lim");
        var page = await office.GetStringAsync("/disenador/formulario?clave=cl-asistencia&version=1");
        Assert.That(page, Does.Contain("data-schema-url=\"/api/forms/cl-asistencia?version=1\""));
        Assert.That(page, Does.Contain("data-can-deploy=\"false\""));
        Assert.That((await office.GetAsync("/disenador/formulario?clave=cl-asistencia&version=99")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await office.GetAsync("/disenador/formulario?clave=no-existe")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await (await As("supervisor.nacional")).GetStringAsync("/disenador/formulario"), Does.Contain("data-can-deploy=\"true\""));
        var index = await office.GetStringAsync("/disenador");
        Assert.That(index, Does.Contain("data-form-key=\"cl-asistencia\"").And.Contain("/disenador/formulario?clave=cl-asistencia"));
    }

    [TestCase("supervisor.lim", HttpStatusCode.OK)]
    [TestCase("admin", HttpStatusCode.OK)]
    [TestCase("consultor.lim", HttpStatusCode.Forbidden)]
    [TestCase("auditor", HttpStatusCode.Forbidden)]
    public async Task Supervisors_and_admins_read_forms_in_the_designer(string user, HttpStatusCode expected)
    {
        var client = await As(user);
        Assert.That((await client.GetAsync("/api/forms")).StatusCode, Is.EqualTo(expected));
        Assert.That((await client.GetAsync("/api/forms/cl-asistencia")).StatusCode, Is.EqualTo(expected));
    }
}
