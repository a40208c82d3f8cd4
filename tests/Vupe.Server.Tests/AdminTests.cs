using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Tests;

/// <summary>
/// The administrators' API over a real database (both providers: the account, its roles and the audit entry are one
/// save through the one writer): accounts created, changed, locked, unlocked and reset, each audited with actor and
/// reason; sessions and bearer tokens ended; the last administrator kept; offices' contact data; group membership.
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class AdminTests(TestStore store) : ServerTestBase(store)
{
    private static string NewUserName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..18];

    private async Task<HttpResponseMessage> TokenAsync(string userName, string password) =>
        await Factory.AnonymousClient().PostAsJsonAsync("/api/auth/token", new { userName, password });

    private async Task<HttpClient> BearerAsync(string userName, string password)
    {
        var response = await TokenAsync(userName, password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var client = Factory.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    private async Task<(string UserName, string Password)> CreateAsync(string office = "LIM", string[]? roles = null, string[]? services = null)
    {
        var userName = NewUserName("adm");
        var created = await (await As("admin")).PostAsJsonAsync("/api/admin/users", new
        {
            userName, fullName = "Lucía Ramos Ñahui", roles = roles ?? ["consultant"], officeCode = office, services = services ?? [], reason = "Alta de prueba",
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (userName, body.GetProperty("temporaryPassword").GetString()!);
    }

    private async Task<List<AuditEntry>> TrailOfAsync(string userName)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VupeDbContext>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Trail == AuditTrails.ForUser(id)).OrderBy(a => a.Sequence).ToListAsync();
    }

    [Test]
    public async Task A_user_created_without_a_password_gets_a_temporary_one_that_signs_in_and_the_creation_is_audited()
    {
        var (userName, password) = await CreateAsync(roles: ["consultant", "auditor"]);

        Assert.That(password, Has.Length.GreaterThanOrEqualTo(16));
        var me = await (await BearerAsync(userName, password)).GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.That(me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(new[] { "consultant", "auditor" }));
        Assert.That(me.GetProperty("officeCode").GetString(), Is.EqualTo("LIM"));
        var trail = await TrailOfAsync(userName);
        Assert.That(trail.Select(e => e.Action), Is.EqualTo(new[] { "user.created" }));
        Assert.That(trail[0].ActorName, Is.EqualTo("admin"));
        using (var data = JsonDocument.Parse(trail[0].Data!)) Assert.That(data.RootElement.GetProperty("reason").GetString(), Is.EqualTo("Alta de prueba"));
        Assert.That(trail[0].Data, Does.Not.Contain(password), "the reason is kept, the password never");
        var detail = await (await As("admin")).GetFromJsonAsync<JsonElement>($"/api/admin/users/{userName}");
        Assert.That(detail.GetProperty("trail")[0].GetProperty("reason").GetString(), Is.EqualTo("Alta de prueba"));
    }

    [Test]
    public async Task The_user_list_is_searched_by_folded_name_role_office_and_state_and_paged()
    {
        var admin = await As("admin");
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users?q=QUISPE%20mamani");
        Assert.That(page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userName").GetString()), Is.EqualTo(new[] { "consultor.lim" }), "Ana Quispe Mamani");
        var cusco = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users?office=CUS&role=supervisor");
        var supervisors = cusco.GetProperty("items").EnumerateArray().ToList();
        Assert.That(supervisors.Select(u => u.GetProperty("userName").GetString()), Does.Contain("supervisor.cus"));
        Assert.That(supervisors.All(u => u.GetProperty("officeCode").GetString() == "CUS" && u.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "supervisor")), Is.True);
        var national = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users?office=nacional&pageSize=2");
        Assert.That(national.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        Assert.That(national.GetProperty("total").GetInt32(), Is.GreaterThanOrEqualTo(3), "supervisor.nacional, auditor, admin");
        var bad = await admin.GetAsync("/api/admin/users?state=dormido&pageSize=500");
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.GetProperty("state")[0].GetString(), Does.StartWith("Valor no válido"));
    }

    [Test]
    public async Task A_locked_user_cannot_sign_in_and_their_bearer_token_stops_working_until_unlocked()
    {
        var (userName, password) = await CreateAsync();
        var token = await BearerAsync(userName, password);
        Assert.That((await token.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var admin = await As("admin");

        var noReason = await admin.PostAsJsonAsync($"/api/admin/users/{userName}/lock", new { reason = "" });
        Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("reason")[0].GetString(), Does.StartWith("Indique el motivo"));
        Assert.That((await token.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a refused lock changes nothing");

        var locked = await admin.PostAsJsonAsync($"/api/admin/users/{userName}/lock", new { reason = "Dejó la institución" });
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.OK), await locked.Content.ReadAsStringAsync());
        Assert.That((await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lockedByAdministrator").GetBoolean(), Is.True);
        Assert.That((await token.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the token issued before the lock");
        var refused = await TokenAsync(userName, password);
        Assert.That(refused.StatusCode, Is.EqualTo((HttpStatusCode)423));
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), Does.Contain("bloqueada por un administrador"));

        (await admin.PostAsJsonAsync($"/api/admin/users/{userName}/unlock", new { reason = "Volvió" })).EnsureSuccessStatusCode();
        Assert.That((await TokenAsync(userName, password)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await token.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the old token stays ended");
        var trail = await TrailOfAsync(userName);
        Assert.That(trail.Select(e => e.Action), Is.EqualTo(new[] { "user.created", "user.locked", "user.unlocked" }));
        using (var data = JsonDocument.Parse(trail[1].Data!)) Assert.That(data.RootElement.GetProperty("reason").GetString(), Is.EqualTo("Dejó la institución"));
    }

    [Test]
    public async Task A_password_reset_refuses_the_old_password_and_every_old_token_and_accepts_the_new_one()
    {
        var (userName, password) = await CreateAsync();
        var token = await BearerAsync(userName, password);
        var admin = await As("admin");

        var weak = await admin.PostAsJsonAsync($"/api/admin/users/{userName}/reset-password", new { password = "corta", reason = "Olvido" });
        Assert.That(weak.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("password")[0].GetString(),
            Is.EqualTo("La contraseña debe tener al menos 10 caracteres."));

        var reset = await admin.PostAsJsonAsync($"/api/admin/users/{userName}/reset-password", new { reason = "Olvidó la contraseña" });
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reset.Content.ReadAsStringAsync());
        var fresh = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("temporaryPassword").GetString()!;
        Assert.That(fresh, Is.Not.EqualTo(password));
        Assert.That((await TokenAsync(userName, password)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the old password");
        Assert.That((await token.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the old token");
        Assert.That((await TokenAsync(userName, fresh)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the new password");

        var chosen = await admin.PostAsJsonAsync($"/api/admin/users/{userName}/reset-password", new { password = "Otra.Clave.2026", reason = "Pedido por la persona" });
        Assert.That((await chosen.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("temporaryPassword", out var none) && none.ValueKind != JsonValueKind.Null, Is.False);
        Assert.That((await TokenAsync(userName, "Otra.Clave.2026")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await TrailOfAsync(userName)).Count(e => e.Action == "user.passwordReset"), Is.EqualTo(2), "a refused reset is not audited");
    }

    [Test]
    public async Task The_last_active_administrator_can_be_neither_locked_nor_demoted()
    {
        var admin = await As("admin");
        var locked = await admin.PostAsJsonAsync("/api/admin/users/admin/lock", new { reason = "Prueba" });
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), Does.StartWith("Debe quedar al menos un administrador activo"));
        var demoted = await admin.PutAsJsonAsync("/api/admin/users/admin", new { fullName = "Jorge Paredes Vega", roles = new[] { "auditor" }, reason = "Prueba" });
        Assert.That(demoted.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await admin.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "refused: the admin's session goes on");

        // With a second (active) administrator the first may be locked; the second then is the last.
        var (second, password) = await CreateAsync(office: "", roles: ["admin"]);
        var secondClient = await BearerAsync(second, password);
        Assert.That((await admin.PostAsJsonAsync($"/api/admin/users/{second}/lock", new { reason = "Prueba" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await admin.PostAsJsonAsync("/api/admin/users/admin/lock", new { reason = "Prueba" })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict),
            "the other administrator is locked: it does not count");
        Assert.That((await secondClient.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Changing_roles_and_office_is_audited_with_before_and_after_and_ends_the_sessions()
    {
        var (userName, password) = await CreateAsync();
        var token = await BearerAsync(userName, password);
        var admin = await As("admin");
        var invalid = await admin.PutAsJsonAsync($"/api/admin/users/{userName}", new { fullName = "", roles = new[] { "jefe" }, officeCode = "ZZZ", reason = "x" });
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.GetProperty("fullName")[0].GetString(), Is.EqualTo("Este campo es obligatorio."));
        Assert.That(errors.GetProperty("roles")[0].GetString(), Does.StartWith("Rol desconocido: jefe"));
        Assert.That(errors.GetProperty("officeCode")[0].GetString(), Is.EqualTo("Oficina desconocida."));

        var changed = await admin.PutAsJsonAsync($"/api/admin/users/{userName}", new
        {
            fullName = "Lucía Ramos Ñahui", email = "lucia.ramos@vupe.example", roles = new[] { "supervisor" }, officeCode = "cus", services = new[] { "cul" }, reason = "Traslado a Cusco",
        });
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());
        Assert.That((await token.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var me = await (await BearerAsync(userName, password)).GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.That(me.GetProperty("officeCode").GetString(), Is.EqualTo("CUS"));
        Assert.That(me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "supervisor" }));
        var entry = (await TrailOfAsync(userName)).Last();
        Assert.That(entry.Action, Is.EqualTo("user.updated"));
        using var data = JsonDocument.Parse(entry.Data!);
        Assert.That(data.RootElement.GetProperty("before").GetProperty("officeCode").GetString(), Is.EqualTo("LIM"));
        Assert.That(data.RootElement.GetProperty("after").GetProperty("officeCode").GetString(), Is.EqualTo("CUS"));
        Assert.That(data.RootElement.GetProperty("reason").GetString(), Is.EqualTo("Traslado a Cusco"));
    }

    [Test]
    public async Task An_office_contact_change_is_validated_in_spanish_and_audited_in_the_office_trail()
    {
        var admin = await As("admin");
        var bad = await admin.PutAsJsonAsync("/api/admin/offices/TAC", new { phone = "llame ya", email = "no-es-correo", reason = "" });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.GetProperty("phone")[0].GetString(), Does.StartWith("Solo dígitos"));
        Assert.That(errors.GetProperty("email")[0].GetString(), Is.EqualTo("Correo electrónico no válido."));
        var changed = await admin.PutAsJsonAsync("/api/admin/offices/tac", new
        {
            address = "Calle Zela 123, Tacna", phone = "(052) 411-222", email = "tacna@vupe.example", openingHours = "Lunes a viernes 8:30–16:30", reason = "Mudanza",
        });
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());
        var offices = await admin.GetFromJsonAsync<JsonElement>("/api/admin/offices");
        Assert.That(offices.GetArrayLength(), Is.EqualTo(27));
        var tacna = offices.EnumerateArray().Single(o => o.GetProperty("code").GetString() == "TAC");
        Assert.That(tacna.GetProperty("address").GetString(), Is.EqualTo("Calle Zela 123, Tacna"));
        Assert.That(tacna.GetProperty("region").GetString(), Is.EqualTo("Tacna"));
        await using var scope = Factory.Services.CreateAsyncScope();
        var trail = await scope.ServiceProvider.GetRequiredService<VupeDbContext>().AuditEntries.AsNoTracking().Where(a => a.Trail == "office:TAC").ToListAsync();
        Assert.That(trail.Select(e => (e.Action, e.ActorName)), Is.EqualTo(new[] { ("office.contactChanged", "admin") }));
        using (var data = JsonDocument.Parse(trail[0].Data!)) Assert.That(data.RootElement.GetProperty("reason").GetString(), Is.EqualTo("Mudanza"));
    }

    [Test]
    public async Task The_groups_page_data_resolves_each_task_to_its_office_group_and_membership_edits_roles_and_services()
    {
        var admin = await As("admin");
        var groups = await admin.GetFromJsonAsync<JsonElement>("/api/admin/groups?office=CUS");
        var routes = groups.GetProperty("routes").EnumerateArray().ToList();
        var entrevista = routes.Single(r => r.GetProperty("procedureKey").GetString() == "orientacion" && r.GetProperty("taskId").GetString() == "entrevista");
        Assert.That(entrevista.GetProperty("groups").EnumerateArray().Select(g => g.GetString()), Is.EqualTo(new[] { "CUS-consultor" }));
        var training = routes.First(r => r.GetProperty("procedureKey").GetString() == "capacitacion-laboral");
        Assert.That(training.GetProperty("groups")[0].GetString(), Is.EqualTo("CUS-capacitacion-laboral"), "a service procedure serves its own service");
        var referral = routes.First(r => r.GetProperty("procedureKey").GetString() == "derivacion-servicio");
        Assert.That(referral.GetProperty("note").GetString(), Does.StartWith("Según el servicio derivado"));
        var consultants = groups.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("code").GetString() == "CUS-consultor");
        Assert.That(consultants.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userName").GetString()), Is.SupersetOf(new[] { "consultor.cus", "supervisor.cus" }));

        var (userName, _) = await CreateAsync(office: "CUS");
        var other = await admin.PostAsJsonAsync("/api/admin/groups/LIM-cul/members", new { userName, reason = "Prueba" });
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a user of another office");
        Assert.That((await admin.PostAsJsonAsync("/api/admin/groups/CUS-astrologia/members", new { userName, reason = "Prueba" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var added = await admin.PostAsJsonAsync("/api/admin/groups/CUS-cul/members", new { userName, reason = "Refuerzo del CUL" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK), await added.Content.ReadAsStringAsync());
        Assert.That((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("services").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "cul" }));
        var supervisors = await admin.PostAsJsonAsync("/api/admin/groups/CUS-supervisor/members", new { userName, reason = "Encargatura" });
        Assert.That((await supervisors.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(s => s.GetString()),
            Is.EqualTo(new[] { "consultant", "supervisor" }));
        var notWhileSupervisor = await admin.PostAsJsonAsync($"/api/admin/groups/CUS-consultor/members/{userName}/remove", new { reason = "Prueba" });
        Assert.That(notWhileSupervisor.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        (await admin.PostAsJsonAsync($"/api/admin/groups/CUS-supervisor/members/{userName}/remove", new { reason = "Fin de la encargatura" })).EnsureSuccessStatusCode();
        var removed = await admin.PostAsJsonAsync($"/api/admin/groups/CUS-cul/members/{userName}/remove", new { reason = "Fin del refuerzo" });
        var after = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(after.GetProperty("services").GetArrayLength(), Is.EqualTo(0));
        Assert.That(after.GetProperty("roles").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "consultant" }));
        var trail = await TrailOfAsync(userName);
        Assert.That(trail.Select(e => e.Action), Is.EqualTo(new[] { "user.created", "group.memberAdded", "group.memberAdded", "group.memberRemoved", "group.memberRemoved" }));
        using var added1 = JsonDocument.Parse(trail[1].Data!);
        Assert.That((added1.RootElement.GetProperty("group").GetString(), added1.RootElement.GetProperty("reason").GetString()), Is.EqualTo(("CUS-cul", "Refuerzo del CUL")));
    }
}
