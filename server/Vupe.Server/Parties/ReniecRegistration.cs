using Vupe.Connectors;
using Vupe.Server.Problems;

namespace Vupe.Server.Parties;

/// <summary>
/// The identity a DNI ficha is registered with. What RENIEC answers is the reference: names and birth date not given are
/// taken from it, and those given must agree with it (accent- and case-insensitively), else the registration is refused
/// naming each field that disagrees. A DNI RENIEC does not know, or holds as not in force (deceased, cancelled), is
/// refused. When RENIEC cannot be reached the ficha is still registered — the office must keep serving — with what the
/// consultant typed (then required) and no verification date: "identidad no verificada", which the ficha and the API
/// show and which the CUL's own check against RENIEC catches before anything is issued.
/// </summary>
public sealed class ReniecRegistration(IIdentityRegistry reniec, TimeProvider time, ILogger<ReniecRegistration> logger)
{
    public async Task<RegisteredIdentity> ResolveAsync(string dni, CreatePersonRequest r, CancellationToken ct)
    {
        ConnectorResult<IdentityLookup> answer;
        try
        {
            answer = await reniec.LookUpAsync(new ConnectorRequest(dni, $"ficha-{Guid.NewGuid():N}"), ct);
        }
        catch (ConnectorException e)
        {
            logger.LogWarning(e, "RENIEC could not be consulted to register a ficha ({Connector}); registering it as not verified", e.Connector);
            return Unverified(r);
        }
        if (answer.Value.Citizen is not { } citizen)
            throw Refused("documentNumber", "RENIEC no tiene registrado este DNI. Revise el número en el documento del ciudadano.",
                "RENIEC no tiene registrado este DNI.");
        if (citizen.Status != IdentityStatus.Valid)
        {
            var why = citizen.Status == IdentityStatus.Deceased
                ? "RENIEC registra al titular de este DNI como fallecido." : "RENIEC registra la inscripción de este DNI como cancelada.";
            throw Refused("documentNumber", why, why);
        }
        var differences = IdentityComparison.Compare(citizen, r.GivenNames, r.PaternalSurname, r.MaternalSurname, r.BirthDate);
        if (differences.Count > 0)
            throw new FieldValidationException(
                differences.ToDictionary(d => d.Field, d => new[] { $"No coincide con RENIEC para este DNI: RENIEC registra «{d.Reniec}»." }),
                $"Los datos no coinciden con RENIEC: {string.Join(", ", differences.Select(d => d.Label))}.");
        return new RegisteredIdentity(
            Given(r.GivenNames) ?? citizen.GivenNames, Given(r.PaternalSurname) ?? citizen.PaternalSurname,
            Given(r.MaternalSurname) ?? NullIfEmpty(citizen.MaternalSurname), citizen.BirthDate, Given(r.Address) ?? citizen.Address,
            time.GetUtcNow(), answer.Reference);
    }

    /// <summary>
    /// RENIEC's answer for a ficha registered earlier (often while RENIEC was down): the citizen in force, or a refusal
    /// naming why (unknown, deceased, cancelled; 503 when RENIEC still cannot be reached), plus the consultation's reference.
    /// </summary>
    public async Task<(CitizenIdentity Citizen, string? Reference)> LookUpAsync(string dni, CancellationToken ct)
    {
        var answer = await reniec.LookUpAsync(new ConnectorRequest(dni, $"ficha-{Guid.NewGuid():N}"), ct);
        if (answer.Value.Citizen is not { } citizen)
            throw Refused("documentNumber", "RENIEC no tiene registrado este DNI.", "RENIEC no tiene registrado este DNI.");
        if (citizen.Status != IdentityStatus.Valid)
        {
            var why = citizen.Status == IdentityStatus.Deceased
                ? "RENIEC registra al titular de este DNI como fallecido." : "RENIEC registra la inscripción de este DNI como cancelada.";
            throw Refused("documentNumber", why, why);
        }
        return (citizen, answer.Reference);
    }

    private static RegisteredIdentity Unverified(CreatePersonRequest r)
    {
        const string Why = "Este campo es obligatorio: RENIEC no responde y los datos no pudieron tomarse de allí.";
        var errors = new FieldErrors();
        var given = errors.Text("givenNames", r.GivenNames, 100);
        if (given is null) Replace(errors, "givenNames", Why);
        var paternal = errors.Text("paternalSurname", r.PaternalSurname, 100);
        if (paternal is null) Replace(errors, "paternalSurname", Why);
        if (r.BirthDate is null) errors.Add("birthDate", Why);
        errors.ThrowIfAny();
        return new RegisteredIdentity(given!, paternal!, Given(r.MaternalSurname), r.BirthDate!.Value, Given(r.Address), VerifiedAt: null, Reference: null);
    }

    private static void Replace(FieldErrors errors, string field, string message)
    {
        errors.Remove(field);
        errors.Add(field, message);
    }

    private static FieldValidationException Refused(string field, string message, string title) =>
        new(new Dictionary<string, string[]> { [field] = [message] }, title);

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>The names and birth date a ficha is registered with; <paramref name="VerifiedAt"/> null when RENIEC could not confirm them.</summary>
public sealed record RegisteredIdentity(string GivenNames, string PaternalSurname, string? MaternalSurname, DateOnly BirthDate, string? Address,
    DateTimeOffset? VerifiedAt, string? Reference);
