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
