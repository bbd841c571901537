using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Coap.Generators.Model;

namespace Coap.Generators;

public sealed partial class CoapRoutingGenerator
{
    internal sealed partial class Emitter
    {
        /// <summary>Writes <c>Routes = …</c>: every route with its method, template and handler.</summary>
        private void EmitRouteList()
        {
            if (_routes.Count == 0)
            {
                _writer.WriteLine("Routes = global::System.Array.Empty<global::Coap.Routing.CoapRouteInfo>();");
                return;
            }

            _writer.WriteLine("Routes = new global::Coap.Routing.CoapRouteInfo[]");
            _writer.StartBlock();
            foreach (var route in _routes)
            {
                var action = route.Action!;
                var handler = route.Controller.DisplayName + "." + action.MethodName.TrimStart('@');
                _writer.WriteLine($"new global::Coap.Routing.CoapRouteInfo(global::Coap.CoapCode.{action.Method}, {StringLiteral(action.Template)}, {StringLiteral(handler)}){RouteFeatures(route)},");
            }

            _writer.EndBlock(";");
        }

        /// <summary>The initializer for [Observable], [Binding] and [QBlock] (empty for other routes).</summary>
        private static string RouteFeatures(RouteEntry route)
        {
            var action = route.Action!;
            var features = new List<string>();
            if (IsObservable(action))
            {
                features.Add("IsObservable = true");
            }

            if (action.Features.Contains("Binding"))
            {
                var values = action.FeatureParameters.Where(static p => p.Feature == "Binding").Select(static p => $"{p.Name} = {p.Value}");
                features.Add($"Binding = new global::Coap.BindingAttribute {{ {string.Join(", ", values)} }}");
            }

            if (HasQBlock(action))
            {
                // The same instance FindQBlock returns, so parameters cached per attribute are shared.
                features.Add("QBlock = " + QBlockField(route));
            }

            return features.Count == 0 ? "" : " { " + string.Join(", ", features) + " }";
        }

        /// <summary>
        /// Writes <c>Discovery = …</c>, built once. One link per distinct path; a path's actions
        /// contribute their rt, if and ct values (in order, without repeats) and the first sz
        /// and title. RFC 6690 links are concrete URIs, so templates with parameters are not
        /// listed (a client cannot follow "/sensors/{id}"), and neither is /.well-known/core itself.
        /// </summary>
        private void EmitDiscoveryDocument()
        {
            var links = new List<Link>();
            foreach (var route in _routes)
            {
                var action = route.Action!;
                if (action.Segments.Any(static s => s.Kind != SegmentKind.Literal))
                {
                    continue;
                }

                var href = "/" + string.Join("/", action.Segments.Select(static s => s.Value));
                var link = links.FirstOrDefault(l => l.Href == href);
                if (link is null)
                {
                    link = new Link(href);
                    links.Add(link);
                }

                link.Add(action);
            }

            if (links.Count == 0)
            {
                _writer.WriteLine("Discovery = new global::Coap.Discovery.LinkFormatDocument(global::System.Array.Empty<global::Coap.Discovery.LinkEntry>());");
                return;
            }

            _writer.WriteLine("// Only routes without parameters: RFC 6690 links are concrete URIs.");
            _writer.WriteLine("Discovery = new global::Coap.Discovery.LinkFormatDocument(new global::Coap.Discovery.LinkEntry[]");
            _writer.StartBlock();
            foreach (var link in links)
            {
                // Href, rt, if and ct always; sz, title, obs and grp_obs only when set.
                var arguments = new List<string>
                {
                    StringLiteral(link.Href),
                    StringArray(link.ResourceTypes),
                    StringArray(link.Interfaces),
                    FormatArray(link.ContentFormats),
                };
                if (link.Size is { } size)
                {
                    arguments.Add("Size: " + size.ToString(CultureInfo.InvariantCulture) + "u");
                }

                if (link.Title is { } title)
                {
                    arguments.Add("Title: " + StringLiteral(title));
                }

                if (link.Observable)
                {
                    arguments.Add("Observable: true");
                }

                if (link.GroupObservable)
                {
                    arguments.Add("GroupObservable: true");
                }

                _writer.WriteLine($"new global::Coap.Discovery.LinkEntry({string.Join(", ", arguments)}),");
            }

            _writer.EndBlock(");");
        }

        private static string StringArray(List<string> values) => values.Count == 0
            ? "global::System.Array.Empty<string>()"
            : "new string[] { " + string.Join(", ", values.Select(StringLiteral)) + " }";

        private static string FormatArray(List<int> values) => values.Count == 0
            ? "global::System.Array.Empty<ushort>()"
            : "new ushort[] { " + string.Join(", ", values.Select(static v => v.ToString(CultureInfo.InvariantCulture))) + " }";

        /// <summary>One /.well-known/core link being assembled from the actions at its path.</summary>
        private sealed class Link(string href)
        {
            public string Href { get; } = href;

            public List<string> ResourceTypes { get; } = [];

            public List<string> Interfaces { get; } = [];

            public List<int> ContentFormats { get; } = [];

            public uint? Size { get; private set; }

            public string? Title { get; private set; }

            public bool Observable { get; private set; }

            public bool GroupObservable { get; private set; }

            public void Add(ActionSpec action)
            {
                AddDistinct(ResourceTypes, action.ResourceTypes);
                AddDistinct(Interfaces, action.Interfaces);
                AddDistinct(ContentFormats, action.ContentFormats);
                Size ??= action.SizeEstimate;
                Title ??= action.Title;
                Observable |= action.Features.Contains("Observable");
                GroupObservable |= action.Features.Contains("GroupObservable");
            }

            private static void AddDistinct<T>(List<T> list, IEnumerable<T> values)
            {
                foreach (var value in values)
                {
                    if (!list.Contains(value))
                    {
                        list.Add(value);
                    }
                }
            }
        }
    }
}
