using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using EcsPS.TestFakes;
using Xunit;
using Xunit.Sdk;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>Assertions that hold recorded traffic to a botocore service model.</summary>
    public static class ModelAssert
    {
        /// <summary>
        /// The request is an awsJson request for an operation of the model (POST /, the model's
        /// target prefix, the JSON content type) and its body validates against the input shape.
        /// Returns the operation name.
        /// </summary>
        public static string ValidRequest(ServiceModel model, RecordedRequest request)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/", request.Path);
            var target = request.Target ?? throw new XunitException("The request has no X-Amz-Target header: " + request);
            Assert.StartsWith(model.TargetPrefix + ".", target, StringComparison.Ordinal);
            var operation = request.Operation;
            Assert.Contains(operation, model.OperationNames);
            var jsonVersion = model.Metadata.GetProperty("jsonVersion").GetString();
            Assert.Equal("application/x-amz-json-" + jsonVersion, request.Header("Content-Type"));
            Fail(model.ValidateInput(operation, request.Json), $"{operation} request body {request.Body}");
            return operation;
        }

        /// <summary>The answer the fake gave validates against the operation's output shape.</summary>
        public static void ValidResponse(ServiceModel model, RecordedRequest request)
        {
            var response = request.Response ?? throw new XunitException("The request was not answered: " + request);
            using var doc = JsonDocument.Parse(response.Body);
            if (response.StatusCode >= 300)
                throw new XunitException($"The fake answered {request.Operation} with HTTP {response.StatusCode}: {response.BodyText}");
            Fail(model.ValidateOutput(request.Operation, doc.RootElement), $"{request.Operation} response body {response.BodyText}");
        }

        /// <summary>The JSON value sets every member of the shape, recursively.</summary>
        public static void CoversShape(ServiceModel model, string shape, JsonElement value)
            => Fail(model.MissingMembers(shape, value), $"members of {shape} left out of {value.GetRawText()}");

        /// <summary>
        /// Two JSON values say the same: the same members (in any order), array items in order,
        /// numbers equal as numbers (2.50 is 2.5). Lists every difference by path.
        /// </summary>
        public static void SameJson(JsonElement expected, JsonElement actual, string what)
        {
            var problems = new List<string>();
            CompareJson(expected, actual, "$", problems);
            Fail(problems, what);
        }

        private static void CompareJson(JsonElement expected, JsonElement actual, string path, List<string> problems)
        {
            if (expected.ValueKind != actual.ValueKind &&
                !(IsBoolean(expected) && IsBoolean(actual)))
            {
                problems.Add($"{path}: expected {expected.ValueKind} {Short(expected)}, found {actual.ValueKind} {Short(actual)}");
                return;
            }
            switch (expected.ValueKind)
            {
                case JsonValueKind.Object:
                    var names = expected.EnumerateObject().Select(p => p.Name).Union(actual.EnumerateObject().Select(p => p.Name));
                    foreach (var name in names)
                    {
                        var inExpected = expected.TryGetProperty(name, out var e);
                        var inActual = actual.TryGetProperty(name, out var a);
                        if (!inActual) problems.Add($"{path}.{name}: missing (expected {Short(e)})");
                        else if (!inExpected) problems.Add($"{path}.{name}: unexpected {Short(a)}");
                        else CompareJson(e, a, path + "." + name, problems);
                    }
                    break;
                case JsonValueKind.Array:
                    if (expected.GetArrayLength() != actual.GetArrayLength())
                        problems.Add($"{path}: {expected.GetArrayLength()} item(s) expected, {actual.GetArrayLength()} found");
                    else
                        for (var i = 0; i < expected.GetArrayLength(); i++)
                            CompareJson(expected[i], actual[i], $"{path}[{i}]", problems);
                    break;
                case JsonValueKind.Number:
                    if (expected.GetDecimal() != actual.GetDecimal())
                        problems.Add($"{path}: expected {expected.GetRawText()}, found {actual.GetRawText()}");
                    break;
                default:
                    if (expected.GetRawText() != actual.GetRawText())
                        problems.Add($"{path}: expected {expected.GetRawText()}, found {actual.GetRawText()}");
                    break;
            }
        }

        private static bool IsBoolean(JsonElement e) => e.ValueKind == JsonValueKind.True || e.ValueKind == JsonValueKind.False;

        private static string Short(JsonElement e)
        {
            var text = e.GetRawText();
            return text.Length > 80 ? text.Substring(0, 80) + "..." : text;
        }

        public static void Fail(IReadOnlyList<string> problems, string what)
        {
            if (problems.Count > 0)
                throw new XunitException($"{problems.Count} problem(s) with {what}:\n  " + string.Join("\n  ", problems));
        }
    }
}
