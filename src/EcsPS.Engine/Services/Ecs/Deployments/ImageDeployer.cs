using System;
using System.Collections.Generic;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;

namespace EcsPS.Engine.Ecs.Deployments
{
    /// <summary>A service's next task definition revision: its current one with new images.</summary>
    public sealed class ImageDeployPlan
    {
        internal ImageDeployPlan(Service service, TaskDefinition current, RegisterTaskDefinitionRequest revision)
        {
            Service = service;
            Current = current;
            Revision = revision;
        }

        public Service Service { get; }
        /// <summary>The revision the service runs now (with its tags, which the new one keeps).</summary>
        public TaskDefinition Current { get; }
        /// <summary>What will be registered.</summary>
        public RegisterTaskDefinitionRequest Revision { get; }
    }

    /// <summary>
    /// The one-line deploy behind Update-EcsServiceX -Image: a new revision of the service's
    /// current task definition with new images. Services that share a task definition get one
    /// new revision between them, not one each, however many of them one command updates.
    /// </summary>
    public sealed class ImageDeployer
    {
        private readonly EcsClient _ecs;
        private readonly Dictionary<string, TaskDefinition> _registered = new Dictionary<string, TaskDefinition>(StringComparer.Ordinal);

        public ImageDeployer(EcsClient ecs) => _ecs = ecs;

        /// <summary>The revision the service would run; null when its task definition no longer
        /// exists. Throws TaskDefinitionException when an image names no container of it.</summary>
        public ImageDeployPlan Plan(Service service, IEnumerable<KeyValuePair<string, string>> images, CancellationToken ct)
        {
            var current = _ecs.FindTaskDefinition(service.TaskDefinition, includeTags: true, ct);
            if (current == null) return null;
            var revision = TaskDefinitionDocument.FromTaskDefinition(current);
            TaskDefinitionDocument.ApplyImages(revision, images, current.FamilyRevision);
            return new ImageDeployPlan(service, current, revision);
        }

        /// <summary>Registers the plan's revision, or returns the one this deployer already registered
        /// for the same current task definition.</summary>
        public TaskDefinition Register(ImageDeployPlan plan, CancellationToken ct, out bool registeredNow)
        {
            var key = plan.Service.TaskDefinition;
            registeredNow = !_registered.TryGetValue(key, out var registered);
            if (registeredNow) _registered[key] = registered = _ecs.RegisterTaskDefinitionRevision(plan.Revision, ct);
            return registered;
        }
    }
}
