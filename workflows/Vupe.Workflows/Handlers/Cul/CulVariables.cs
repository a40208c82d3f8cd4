using System.Globalization;
using Vupe.Engine;

namespace Vupe.Workflows.Handlers.Cul;

/// <summary>The start variables of the CUL procedure that the server sets from the ficha única, and what the identity step answers.</summary>
internal static class CulVariables
{
    public const string DocumentType = "tipoDocumento";
    public const string DocumentNumber = "numeroDocumento";
    public const string PartyId = "partyId";
    // The ficha's identity as registered, compared with RENIEC's answer (the server sets them; fechaNacimiento as yyyy-MM-dd).
    public const string GivenNames = "nombres";
    public const string PaternalSurname = "apellidoPaterno";
    public const string MaternalSurname = "apellidoMaterno";
    public const string BirthDate = "fechaNacimiento";

    /// <summary>True only when RENIEC validated the DNI and the ficha agrees with it: the one way to issuance.</summary>
    public const string IdentityValidated = "identidadValidada";
    /// <summary><see cref="IdentityOutcomes"/>: what the gateway after the identity step routes on.</summary>
    public const string IdentityOutcome = "resultadoIdentidad";
    /// <summary>Why the identity was not validated, in Spanish, for the consultant (shown on the case page); null when it was.</summary>
    public const string IdentityObservation = "observacionIdentidad";

    /// <summary>The validated identity step's idempotency key: the five consultations' keys derive from it (<see cref="CulPrefetch"/>).</summary>
    public const string ConsultationKey = "claveConsultaCul";

    /// <summary>The citizen's DNI: a CUL is issued only to DNI holders, whose identity RENIEC can confirm.</summary>
    public static string Dni(ServiceTaskContext context) => HoldsDni(context)
        ? TaskVariables.RequiredString(context, DocumentNumber)
        : throw new InvalidOperationException($"A CUL needs a DNI; the case's citizen holds a document of type '{TaskVariables.OptionalString(context, DocumentType)}'.");

    /// <summary>True unless the case names another document type (a case without one is taken to be a DNI holder's).</summary>
    public static bool HoldsDni(ServiceTaskContext context) =>
        TaskVariables.OptionalString(context, DocumentType) is not { } type || string.Equals(type, "Dni", StringComparison.OrdinalIgnoreCase);

    /// <summary>The ficha's birth date as the case carries it (ISO text from the server, or a date), null when absent or unreadable.</summary>
    public static DateOnly? StatedBirthDate(ServiceTaskContext context) => context.Variables.GetValueOrDefault(BirthDate) switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        DateTimeOffset offset => DateOnly.FromDateTime(offset.Date),
        string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed,
        _ => null,
    };
}

/// <summary>Values of <see cref="CulVariables.IdentityOutcome"/>.</summary>
internal static class IdentityOutcomes
{
    /// <summary>RENIEC validated the DNI and the ficha agrees: the certificate is built.</summary>
    public const string Validated = "validada";
    /// <summary>RENIEC validated the DNI but the ficha names someone else: a consultant reviews it; nothing is issued meanwhile.</summary>
    public const string Mismatch = "no-coincide";
    /// <summary>RENIEC did not validate the DNI (unknown, deceased, cancelled) or the citizen holds no DNI: no CUL.</summary>
    public const string NotValidated = "no-validada";
}
