namespace Vupe.Workflows.Tests;

/// <summary>Form data as the diagnosis and company forms submit it: fields hidden by their conditions are left out.</summary>
internal static class Profiles
{
    public static Dictionary<string, object?> Citizen(
        int edad, string situacion, int? mesesDesempleo = null, string nivel = "secundaria", string experiencia = "ninguna", int? anios = null,
        bool emprende = false, string? etapa = null, string migracion = "ninguna", bool discapacidad = false, bool capacitacion = false,
        bool cul = false, bool temporal = false, bool objetivo = true)
    {
        var data = new Dictionary<string, object?>
        {
            ["edad"] = edad, ["situacionLaboral"] = situacion, ["nivelEducativo"] = nivel, ["experienciaLaboral"] = experiencia,
            ["quiereEmprender"] = emprende, ["condicionMigratoria"] = migracion, ["tieneDiscapacidad"] = discapacidad,
            ["interesCapacitacion"] = capacitacion, ["objetivoOcupacionalDefinido"] = objetivo,
        };
        if (situacion == "desempleado") data["mesesDesempleo"] = mesesDesempleo ?? 0;
        if (experiencia != "ninguna") data["aniosExperiencia"] = anios ?? 0;
        if (emprende) data["etapaEmprendimiento"] = etapa;
        if (edad >= 18)
        {
            data["necesitaCul"] = cul;
            data["buscaEmpleoTemporal"] = temporal;
        }
        return data;
    }

    public static Dictionary<string, object?> Company(
        string tamano, int antiguedad, int? vacantes = null, bool capacitar = false, bool sinCertificar = false, bool informacion = false,
        bool extranjeros = false, bool formativas = false, bool discapacidad = false)
    {
        var data = new Dictionary<string, object?>
        {
            ["sector"] = "manufactura", ["tamanoEmpresa"] = tamano, ["numeroTrabajadores"] = 40, ["antiguedadAnios"] = antiguedad,
            ["tieneVacantes"] = vacantes is not null, ["necesitaCapacitarPersonal"] = capacitar, ["personalSinCertificar"] = sinCertificar,
            ["necesitaInformacionMercado"] = informacion, ["contrataExtranjeros"] = extranjeros, ["ofreceModalidadesFormativas"] = formativas,
            ["contactoNombre"] = "Lucía Paredes", ["contactoCorreo"] = "rrhh@empresa.pe",
        };
        if (vacantes is not null)
        {
            data["numeroVacantes"] = vacantes;
            data["perfilesVacantes"] = "Operarios de producción";
            data["contrataPersonasDiscapacidad"] = discapacidad;
        }
        return data;
    }
}
