using System.Xml.Linq;

namespace Vupe.Engine.Parsing;

/// <summary>The XML namespaces the engine reads. Our extension attributes are documented in docs/bpmn-extensions.md.</summary>
public static class BpmnNames
{
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Ext = "http://vupecases.pe/schema/bpmn/1.0";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
}
