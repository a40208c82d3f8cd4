namespace Vupe.Connectors.Tests;

/// <summary>Back-office replies as the contracts in docs/connectors.md describe them.</summary>
internal static class Replies
{
    public const string Dni = "10117410";

    public const string Person = """
        { "reference": "RENIEC-2025-000123", "dni": "10117410", "givenNames": "María José",
          "paternalSurname": "Quispe", "maternalSurname": "Ñuñez", "birthDate": "1994-03-15",
          "address": "Jr. Áncash 1245, Cercado de Lima, Lima, Lima" }
        """;

    public const string PoliceRecords = """
        { "reference": "PNP-77", "dni": "10117410",
          "records": [ { "date": "2019-08-14", "authority": "Comisaría PNP Zárate", "description": "Denuncia por lesiones leves", "status": "Vigente" } ] }
        """;

    public const string NoRecords = """{ "reference": "PJ-1", "dni": "10117410", "records": [] }""";

    public const string Education = """
        { "reference": "MINEDU-9", "dni": "10117410",
          "entries": [ { "level": "Secondary", "institution": "I.E. N.° 1182 José Olaya", "title": "Secundaria completa", "year": 2011 },
                       { "level": "Bachelor", "institution": "Universidad Nacional Mayor de San Marcos", "title": "Bachiller en Administración", "year": 2017 } ] }
        """;

    public const string Employment = """
        { "reference": "PLAME-5", "dni": "10117410",
          "periods": [ { "employerName": "Distribuidora El Pacífico S.A.C.", "employerRuc": "20512333797", "from": "2017-04-01", "to": "2020-02-29" },
                       { "employerName": "Servicios Contables Amauta E.I.R.L.", "employerRuc": "20131312955", "from": "2020-06-01", "to": null } ] }
        """;
}
