using System;

namespace EcsPS.Engine.Runtime
{
    /// <summary>The values the service model allows for a string member (or for each item of a list).</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class ModelEnumAttribute : Attribute
    {
        public ModelEnumAttribute(params string[] values) => Values = values;
        public string[] Values { get; }
    }

    /// <summary>The service model marks this member required in its structure.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class ModelRequiredAttribute : Attribute
    {
    }
}

namespace EcsPS.Engine.Runtime
{
    /// <summary>The name a Query service gives a member on the wire, where it is not the member's
    /// own name (botocore's locationName).</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class WireNameAttribute : Attribute
    {
        public WireNameAttribute(string name) => Name = name;
        public string Name { get; }
    }

    /// <summary>How a Query service writes a list member where it differs from the default
    /// Name.member.N: another item name, or items flattened into Name.N.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class QueryListAttribute : Attribute
    {
        public QueryListAttribute(string itemName) => ItemName = itemName;
        public string ItemName { get; }
        public bool Flattened { get; set; }
    }

    /// <summary>How a Query service writes a map member where it differs from the default
    /// Name.entry.N.key / Name.entry.N.value.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class QueryMapAttribute : Attribute
    {
        public QueryMapAttribute(string keyName, string valueName)
        {
            KeyName = keyName;
            ValueName = valueName;
        }

        public string KeyName { get; }
        public string ValueName { get; }
        public bool Flattened { get; set; }
    }
}
