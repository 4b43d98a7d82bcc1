using System.Collections.Generic;

namespace EcsPS.Engine.Ecs.Model
{
    public sealed class Tag
    {
        public Tag() { }
        public Tag(string key, string value) { Key = key; Value = value; }
        public string Key { get; set; }
        public string Value { get; set; }
        public override string ToString() => Key + "=" + Value;
    }

    public sealed class KeyValuePair
    {
        public KeyValuePair() { }
        public KeyValuePair(string name, string value) { Name = name; Value = value; }
        public string Name { get; set; }
        public string Value { get; set; }
        public override string ToString() => Name + "=" + Value;
    }

    /// <summary>A per-item failure that a Describe call reports beside its results.</summary>
    public sealed class Failure
    {
        public string Arn { get; set; }
        public string Reason { get; set; }
        public string Detail { get; set; }
    }

    public sealed class CapacityProviderStrategyItem
    {
        public string CapacityProvider { get; set; }
        public int? Weight { get; set; }
        public int? Base { get; set; }
        public override string ToString() => $"{CapacityProvider} (weight {Weight ?? 0}, base {Base ?? 0})";
    }

    public sealed class Attachment
    {
        public string Id { get; set; }
        public string Type { get; set; }
        public string Status { get; set; }
        public List<KeyValuePair> Details { get; set; }
    }
}
