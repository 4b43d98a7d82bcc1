using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Common;
using EcsPS.Ecs;
using Xunit;

namespace EcsPS.Tests
{
    /// <summary>Capacity provider strategies as people write them at a prompt.</summary>
    public class CapacityProviderStrategyTests
    {
        private static CapacityProviderStrategyItem One(object item) => Assert.Single(CapacityProviderStrategy.Parse(new[] { item }));

        [Theory]
        [InlineData("FARGATE", "FARGATE", null, null)]
        [InlineData("FARGATE_SPOT:3", "FARGATE_SPOT", 3, null)]
        [InlineData("FARGATE:1:2", "FARGATE", 1, 2)]
        [InlineData("FARGATE:0:0", "FARGATE", 0, 0)]
        [InlineData(" FARGATE :1000:100000", "FARGATE", 1000, 100000)]
        [InlineData("my-asg-provider::5", "my-asg-provider", null, 5)]
        public void Reads_the_text_forms(string text, string name, int? weight, int? @base)
        {
            var item = One(text);
            Assert.Equal(name, item.CapacityProvider);
            Assert.Equal(weight, item.Weight);
            Assert.Equal(@base, item.Base);
        }

        [Fact]
        public void Reads_hashtables_with_any_key_case_and_the_Name_alias()
        {
            var item = One(new Hashtable { ["capacityprovider"] = "FARGATE", ["WEIGHT"] = 2, ["Base"] = "1" });
            Assert.Equal(("FARGATE", 2, 1), (item.CapacityProvider, item.Weight, item.Base));

            item = One(new Hashtable { ["Name"] = "FARGATE_SPOT", ["Weight"] = 4 });
            Assert.Equal(("FARGATE_SPOT", 4, (int?)null), (item.CapacityProvider, item.Weight, item.Base));
        }

        [Fact]
        public void Reads_objects_with_CapacityProvider_Weight_and_Base_properties()
        {
            var pso = new PSObject();
            pso.Properties.Add(new PSNoteProperty("CapacityProvider", "FARGATE"));
            pso.Properties.Add(new PSNoteProperty("Weight", 3));
            pso.Properties.Add(new PSNoteProperty("Base", 1));
            var item = One(pso);
            Assert.Equal(("FARGATE", 3, 1), (item.CapacityProvider, item.Weight, item.Base));
        }

        [Fact]
        public void Passes_strategy_items_through_and_unwraps_PSObjects()
        {
            var typed = new CapacityProviderStrategyItem { CapacityProvider = "FARGATE", Weight = 1 };
            Assert.Same(typed, One(typed));
            Assert.Same(typed, One(new PSObject(typed)));
            Assert.Equal("FARGATE_SPOT", One(new PSObject("FARGATE_SPOT:2")).CapacityProvider);
        }

        [Fact]
        public void Keeps_the_order_given_and_mixes_forms()
        {
            var items = CapacityProviderStrategy.Parse(new object[] { "FARGATE:1:1", new Hashtable { ["CapacityProvider"] = "FARGATE_SPOT", ["Weight"] = 3 } });
            Assert.Equal(new[] { "FARGATE", "FARGATE_SPOT" }, items.Select(i => i.CapacityProvider));
        }

        [Fact]
        public void Null_means_no_strategy_and_an_empty_list_an_empty_strategy()
        {
            Assert.Null(CapacityProviderStrategy.Parse(null));
            Assert.Empty(CapacityProviderStrategy.Parse(new object[0]));
        }

        public static TheoryData<object[], string> Bad => new TheoryData<object[], string>
        {
            { new object[] { "FARGATE:x" }, "whole number" },
            { new object[] { "FARGATE:1:y" }, "whole number" },
            { new object[] { "FARGATE:1.5" }, "whole number" },
            { new object[] { new Hashtable { ["CapacityProvider"] = "FARGATE", ["Weight"] = 1.5 } }, "whole number" },
            { new object[] { new Hashtable { ["CapacityProvider"] = "FARGATE", ["Base"] = 2.7 } }, "whole number" },
            { new object[] { "FARGATE:1:2:3" }, "NAME:WEIGHT:BASE" },
            { new object[] { ":1" }, "NAME" },
            { new object[] { "" }, "NAME" },
            { new object[] { "FARGATE:-1" }, "0 to 1000" },
            { new object[] { "FARGATE:1001" }, "0 to 1000" },
            { new object[] { "FARGATE:1:-1" }, "0 to 100000" },
            { new object[] { "FARGATE:1:100001" }, "0 to 100000" },
            { new object[] { "FARGATE:1:1", "FARGATE_SPOT:1:2" }, "Only one" },
            { new object[] { new Hashtable { ["Provider"] = "FARGATE" } }, "CapacityProvider, Weight and Base" },
            { new object[] { new Hashtable { ["Weight"] = 1 } }, "needs a CapacityProvider" },
            { new object[] { 42 }, "not a capacity provider strategy item" },
            { Enumerable.Range(1, 21).Select(i => (object)("provider-" + i + ":1")).ToArray(), "at most 20" },
        };

        [Theory]
        [MemberData(nameof(Bad))]
        public void Refuses_what_ECS_would_refuse_with_a_message_that_says_what_is_allowed(object[] items, string expected)
        {
            var ex = Assert.Throws<ArgumentException>(() => CapacityProviderStrategy.Parse(items));
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void Accepts_exactly_twenty_entries()
        {
            var items = Enumerable.Range(1, 20).Select(i => (object)("provider-" + i + ":1")).ToArray();
            Assert.Equal(20, CapacityProviderStrategy.Parse(items).Count);
        }
    }
}
