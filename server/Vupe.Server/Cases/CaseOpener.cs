using Vupe.Engine;
using Vupe.Server.Parties;

namespace Vupe.Server.Cases;

/// <summary>Opens an expediente for a party: starts the procedure's process with the party as subject, and audits it.</summary>
public sealed class CaseOpener(ProcessEngine engine, TimeProvider time)
{
    public async Task<CaseFileInfo> OpenAsync(Party party, ProcessDefinitionInfo procedure, string officeCode, Dictionary<string, object?> variables,
        string userName, CancellationToken ct)
    {
        // The party's identity, as the process and its forms see it; clients cannot override it.
        variables["partyId"] = party.Id.ToString();
        variables["tipoDocumento"] = party.DocumentType.ToString();
        variables["numeroDocumento"] = party.DocumentNumber;
        variables["nombre"] = party.DisplayName;
        if (party.Person is { } person)
        {
            variables["edad"] = AgeOn(person.BirthDate, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            // What the CUL's identity step compares with RENIEC's answer (a ficha is never assumed to be who RENIEC says).
            variables["nombres"] = person.GivenNames;
            variables["apellidoPaterno"] = person.PaternalSurname;
            variables["apellidoMaterno"] = person.MaternalSurname;
            variables["fechaNacimiento"] = person.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }
        if (party.Company is { } company)
        {
            variables["ruc"] = party.DocumentNumber;
            variables["razonSocial"] = company.LegalName;
        }
        var instance = await engine.Runtime.StartProcessAsync(new StartProcessRequest
        {
            ProcessKey = procedure.Key, Version = procedure.Version, OfficeCode = officeCode, SubjectId = party.Id.ToString(), Variables = variables,
            // No personal data in the title: case lists and inboxes show it without a ficha read to log.
            Title = procedure.Name ?? procedure.Key, UserId = userName,
        }, ct);
        // "case.opened" is audited as the start commits (EngineAudit).
        return await engine.Cases.GetAsync(instance.CaseId, ct);
    }

    public static int AgeOn(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        if (today < birth.AddYears(age)) age--;
        return age;
    }
}
