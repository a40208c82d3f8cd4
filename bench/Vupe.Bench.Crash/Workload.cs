using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vupe.Bench.Crash;

/// <summary>
/// The mixed workload of one virtual consultant, run until the server stops answering: per citizen, register the
/// ficha, open a triage (both with an Idempotency-Key), sometimes request a CUL (keyed), claim and complete the
/// diagnosis with its form, upload a document (keyed), change the ficha's phone, claim and confirm the referrals (which
/// opens a child case). Every call is recorded in the <see cref="Ledger"/> as acknowledged or unanswered.
/// </summary>
internal sealed class Workload(Ledger ledger)
{
    public const string Triage = "triaje-ciudadano";
    public const string Cul = "certificado-unico-laboral";

    /// <summary>The referral the triage confirms: it opens one child case in the consultant's completion.</summary>
    private static readonly string[] Referrals = ["orientacion-vocacional"];

    /// <summary>Visits one citizen after another; returns once a call got no answer (the server died) or <paramref name="ct"/> fires.</summary>
    public async Task RunAsync(Api api, string account, int round, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        while (!ct.IsCancellationRequested)
        {
            var visit = ledger.NewVisit(account, round);
            if (!await VisitAsync(api, visit, random, ct)) return;
        }
    }

    /// <summary>False when a call went unanswered (the rest of the visit cannot be done).</summary>
    private async Task<bool> VisitAsync(Api api, Visit visit, Random random, CancellationToken ct)
    {
        var person = new
        {
            documentType = "Dni", documentNumber = visit.Dni, phone = visit.OriginalPhone,
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        };
        if (await CreateAsync(api, visit.Party, new PendingCreate("/api/parties/persons", person, Key()), "register", ct) is not { } partyId) return Done(visit.Party);
        if (await CreateAsync(api, visit.Triage, new PendingCreate("/api/cases", new { partyId, procedure = Triage }, Key()), "open", ct) is not { } caseId)
            return Done(visit.Triage);

        if (random.Next(2) == 0)
        {
            var cul = await CreateAsync(api, visit.Cul, new PendingCreate("/api/cases", new { partyId, procedure = Cul }, Key()), "cul", ct, body => visit.CulStatus = body.GetProperty("status").GetString());
            if (cul is null && visit.Cul.Pending is not null) return false;
        }

        var diagnosis = new
        {
            edad = 30 + random.Next(20), situacionLaboral = "desempleado", mesesDesempleo = random.Next(1, 24), nivelEducativo = "secundaria",
            experienciaLaboral = "sin-certificar", aniosExperiencia = random.Next(0, 10), condicionMigratoria = "ninguna", necesitaCul = false,
            quiereEmprender = false, interesCapacitacion = true,
        };
        switch (await WorkTaskAsync(api, visit, caseId, "diagnostico", diagnosis, ct))
        {
            case null: return false;
            case false: return true;
        }

        var pdf = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {visit.UploadTitle}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        visit.UploadSha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var upload = new PendingCreate($"/api/cases/{caseId}/documents", null, Key(), pdf, visit.UploadTitle);
        if (await CreateAsync(api, visit.Upload, upload, "upload", ct) is null && visit.Upload.Pending is not null) return false;

        if (!await ChangeFichaAsync(api, visit, partyId, random, ct)) return false;

        return await WorkTaskAsync(api, visit, caseId, "confirmar", new { serviciosConfirmados = Referrals }, ct) is not null;
    }

    /// <summary>After a create that was refused (not unanswered), the visit ends but the client goes on.</summary>
    private static bool Done(Tracked create) => create.Pending is null;

    /// <summary>A keyed create: its id when acknowledged; null when refused (counted) or unanswered (left pending).</summary>
    private async Task<Guid?> CreateAsync(Api api, Tracked tracked, PendingCreate call, string operation, CancellationToken ct, Action<JsonElement>? acknowledged = null)
    {
        tracked.Pending = call;
        var answer = await SendAsync(api, call, ct);
        if (answer.Unanswered) return null;
        tracked.Pending = null;
        if (!answer.Acknowledged)
        {
            Unexpected(operation, answer);
            return null;
        }
        tracked.Id = answer.Body.GetProperty("id").GetGuid();
        tracked.Acknowledged = true;
        acknowledged?.Invoke(answer.Body);
        ledger.Acknowledge();
        return tracked.Id;
    }

    public static Task<Answer> SendAsync(Api api, PendingCreate call, CancellationToken ct) => call.Pdf is { } pdf
        ? api.UploadAsync(call.Path, call.Title!, pdf, call.Key, ct)
        : api.PostAsync(call.Path, call.Json, call.Key, ct);

    /// <summary>
    /// Finds the case's task at <paramref name="elementId"/>, claims it when it is offered, and completes it: null when
    /// unanswered, false when refused. A task the process gives to whoever did an earlier one (triage's «Confirmar
    /// derivaciones» follows the diagnosis, <c>vupe:sameAssigneeAs</c>) is already this consultant's, so it is looked
    /// for in the office's view, not among the offered ones, and completed without a claim.
    /// </summary>
    private async Task<bool?> WorkTaskAsync(Api api, Visit visit, Guid caseId, string elementId, object data, CancellationToken ct)
    {
        var found = await api.GetAsync($"/api/tasks?view=office&caseId={caseId}", ct);
        if (found.Unanswered) return null;
        var task = found.Acknowledged
            ? found.Body.GetProperty("items").EnumerateArray().FirstOrDefault(t => t.GetProperty("elementId").GetString() == elementId)
            : default;
        if (task.ValueKind != JsonValueKind.Object)
        {
            Unexpected("find " + elementId, found);
            return false;
        }
        var taskId = task.GetProperty("id").GetGuid();
        if (task.GetProperty("assignee").ValueKind == JsonValueKind.String)
        {
            if (task.GetProperty("assignee").GetString() != api.UserName)
            {
                Unexpected("find " + elementId + " (another consultant's)", found);
                return false;
            }
            return await CompleteAsync(api, visit, taskId, data, task.GetProperty("version").GetInt64(), ct);
        }
        visit.Claims[taskId] = false;
        var claimed = await api.PostAsync($"/api/tasks/{taskId}/claim", null, null, ct);
        if (claimed.Unanswered) return null;
        if (!claimed.Acknowledged)
        {
            visit.Claims.TryRemove(taskId, out _);
            Unexpected("claim", claimed);
            return false;
        }
        visit.Claims[taskId] = true;
        ledger.Acknowledge();
        return await CompleteAsync(api, visit, taskId, data, claimed.Body.GetProperty("version").GetInt64(), ct);
    }

    private async Task<bool?> CompleteAsync(Api api, Visit visit, Guid taskId, object data, long version, CancellationToken ct)
    {
        visit.Completions[taskId] = false;
        var completed = await api.PostAsync($"/api/tasks/{taskId}/complete", new { data, version }, null, ct);
        if (completed.Unanswered) return null;
        if (!completed.Acknowledged)
        {
            visit.Completions.TryRemove(taskId, out _);
            Unexpected("complete", completed);
            return false;
        }
        visit.Completions[taskId] = true;
        ledger.Acknowledge();
        return true;
    }

    private async Task<bool> ChangeFichaAsync(Api api, Visit visit, Guid partyId, Random random, CancellationToken ct)
    {
        var read = await api.GetAsync($"/api/parties/{partyId}", ct);
        if (read.Unanswered) return false;
        if (!read.Acknowledged)
        {
            Unexpected("read ficha", read);
            return true;
        }
        var phone = "9" + random.Next(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        visit.UnansweredPhone = phone;
        var changed = await api.PutAsync($"/api/parties/{partyId}/ficha", new { version = read.Body.GetProperty("version").GetInt64(), phone, email = $"c{visit.Dni}@correo.pe" }, ct);
        if (changed.Unanswered) return false;
        visit.UnansweredPhone = null;
        if (!changed.Acknowledged)
        {
            Unexpected("change ficha", changed);
            return true;
        }
        visit.AcknowledgedPhone = phone;
        ledger.Acknowledge();
        return true;
    }

    private void Unexpected(string operation, Answer answer)
    {
        var what = $"{operation} {(answer.Status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}";
        ledger.Unexpected.AddOrUpdate(what, 1, (_, n) => n + 1);
        if (answer.Status == HttpStatusCode.InternalServerError)
        {
            var body = Encoding.UTF8.GetString(answer.Bytes);
            ledger.ServerErrors.Enqueue($"{operation}: {body[..Math.Min(body.Length, 400)]}");
        }
    }

    private static string Key() => Guid.NewGuid().ToString();
}
