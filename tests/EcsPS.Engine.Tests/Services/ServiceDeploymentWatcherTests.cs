using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Fakes;
using EcsPS.TestFakes;
using EcsPS.Engine.Tests.Support;
using Xunit;
using static EcsPS.Engine.Tests.Services.EcsServiceJson;

namespace EcsPS.Engine.Tests.Services
{
    /// <summary>
    /// ServiceDeploymentWatcher end to end: the real EcsClient over HTTP against the scripted
    /// loopback fake, on a virtual clock (no real sleeping). One test per outcome, each asserting
    /// the outcome and the words the user is shown.
    /// </summary>
    public sealed class ServiceDeploymentWatcherTests
    {
        // Deployment ids as ECS writes them; tasks a deployment starts carry it as startedBy.
        private const string DOld = "ecs-svc/5471698372410986172";
        private const string DNew = "ecs-svc/8421036510391729447";
        private const string DRollback = "ecs-svc/2930474157629601934";
        private const string DNewer = "ecs-svc/6013528364916729051";

        private const string CircuitBreakerReason = "ECS deployment circuit breaker: tasks failed to start.";
        private const string CannotPull =
            "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref " +
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:8: 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:8: not found";

        private static readonly TimeSpan S15 = TimeSpan.FromSeconds(15);

        private static ServiceWaitOptions Options(double timeoutMin = 30, double noProgressMin = 10, double pollSec = 15, double maxBackoffSec = 120)
            => new ServiceWaitOptions
            {
                Timeout = TimeSpan.FromMinutes(timeoutMin),
                NoProgressTimeout = TimeSpan.FromMinutes(noProgressMin),
                PollInterval = TimeSpan.FromSeconds(pollSec),
                MaxBackoff = TimeSpan.FromSeconds(maxBackoffSec),
            };

        /// <summary>web updated from web:7 to web:8, DNew PRIMARY and rolling, DOld still ACTIVE.</summary>
        private static JsonObject Rolling(int running, int pending, int oldRunning = 3, int failed = 0, params JsonObject[] events)
            => Service("web", new[]
            {
                Deployment(DNew, "PRIMARY", "web:8", 3, running, pending, failedTasks: failed, createdAt: -2),
                Deployment(DOld, "ACTIVE", "web:7", oldRunning, oldRunning, 0, "COMPLETED", createdAt: -86400),
            }, events);

        private static readonly JsonObject OldSteady = Event("0a4c3f00-0000-4000-8000-000000000001", -3600, "(service web) has reached a steady state.");

        private static void AssertEveryFilterOfTheDiagnosis(WatcherHarness h, string deploymentId)
        {
            var list = Assert.Single(h.Requests("ListTasks")).Json;
            Assert.Equal("prod", list.GetProperty("cluster").GetString());
            Assert.Equal(deploymentId, list.GetProperty("startedBy").GetString());
            Assert.Equal("STOPPED", list.GetProperty("desiredStatus").GetString());
        }

        // ---- 1. success -------------------------------------------------------------------------

        [Fact]
        public void DeploymentComplete_succeeds_when_the_rollout_completes_and_reports_each_new_event_once_oldest_first()
        {
            using var h = new WatcherHarness();
            var old2 = Event("0a4c3f00-0000-4000-8000-000000000002", -600, "(service web) updated computedDesiredCount for taskSet ecs-svc/5471698372410986172 to 3.");
            var e1 = Event("e1000000-0000-4000-8000-000000000001", 5, "(service web) has started 1 tasks: (task 1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6).");
            var e2 = Event("e1000000-0000-4000-8000-000000000002", 20, "(service web) has started 2 tasks: (task 2b3c) (task 3c4d).");
            var e3 = Event("e1000000-0000-4000-8000-000000000003", 50, $"(service web) deployment {DNew} deployment completed.");
            var e4 = Event("e1000000-0000-4000-8000-000000000004", 51, "(service web) has reached a steady state.");
            JsonObject Only(int running, int pending, string rollout, params JsonObject[] events)
                => Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 3, running, pending, rollout, createdAt: -2) }, events);
            h.Script.Service("web",
                Service("web", new[]
                {
                    Deployment(DNew, "PRIMARY", "web:8", 3, 0, 0, createdAt: -2),
                    Deployment(DOld, "ACTIVE", "web:7", 0, 0, 0, "COMPLETED", createdAt: -86400),
                }, new[] { OldSteady, old2 }),
                Only(1, 2, "IN_PROGRESS", e1, old2, OldSteady),
                Only(2, 1, "IN_PROGRESS", e2, e1, old2, OldSteady),
                Only(3, 0, "IN_PROGRESS", e2, e1, old2, OldSteady),
                Only(3, 0, "COMPLETED", e4, e3, e2, e1, old2, OldSteady));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete);

            Assert.Equal(ServiceWaitOutcome.Succeeded, result.Outcome);
            Assert.True(result.Succeeded);
            Assert.Equal(DNew, result.DeploymentId);
            Assert.Contains($"deployment {DNew} of", result.Reason);
            Assert.Contains("service 'web' in cluster 'prod' completed: 3 of 3 tasks of web:8 running.", result.Reason);
            Assert.Equal(3, result.Service.RunningCount);
            Assert.Equal("web", result.ServiceName);
            Assert.Equal(TimeSpan.FromSeconds(60), result.Elapsed);
            Assert.Empty(result.RecentEvents);
            Assert.Empty(result.StoppedTasks);

            // Five polls, 15 s apart on the virtual clock.
            Assert.Equal(5, h.Requests("DescribeServices").Count);
            Assert.Equal(new[] { S15, S15, S15, S15 }, h.Clock.Delays);
            Assert.Empty(h.Requests("ListTasks"));

            // Progress saw the counts of every poll, then a completed record.
            var polls = h.Observer.Progress.Where(p => !p.Done).ToList();
            Assert.Equal(new[] { 0, 1, 2, 3, 3 }, polls.Select(p => p.Running));
            Assert.Equal(new[] { 0, 2, 1, 0, 0 }, polls.Select(p => p.Pending));
            Assert.All(polls, p => Assert.Equal(3, p.Desired));
            Assert.Equal(new[] { "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED" }, polls.Select(p => p.RolloutState));
            Assert.Equal(new[] { 2, 1, 1, 1, 1 }, polls.Select(p => p.Deployments));
            Assert.All(h.Observer.Progress, p => Assert.Equal("web", p.ServiceName));
            Assert.True(h.Observer.Progress.Last().Done);
            Assert.Equal("3/3 running, 0 pending, rollout COMPLETED", h.Observer.Progress.Last().ToString());

            // Events created after the wait began, once each, oldest first; the older ones never.
            Assert.Equal(new[] { "e1000000-0000-4000-8000-000000000001", "e1000000-0000-4000-8000-000000000002",
                                 "e1000000-0000-4000-8000-000000000003", "e1000000-0000-4000-8000-000000000004" },
                h.Observer.Events.Select(e => e.Event.Id));
            Assert.All(h.Observer.Events, e => { Assert.Equal("prod", e.Cluster); Assert.Equal("web", e.Service); });
            Assert.Equal((string)e3["message"], h.Observer.Events[2].Event.Message);
            Assert.Equal(VirtualWaitClock.T0.AddSeconds(50), h.Observer.Events[2].Event.CreatedAt.Value.ToUniversalTime());

            Assert.Same(result, Assert.Single(h.Observer.Finished));
            h.AssertFakeHealthy();
        }

        // ---- 2. circuit breaker -----------------------------------------------------------------

        private static WatcherHarness CircuitBreakerScenario()
        {
            var h = new WatcherHarness();
            var started = Event("e2000000-0000-4000-8000-000000000001", 5, "(service web) has started 3 tasks: (task 0f3e2d1c4b5a49687766554433221100) (task aa11bb22cc33dd44ee55ff6677889900) (task 5c6d).");
            var failed = Event("e2000000-0000-4000-8000-000000000002", 25, $"(service web) deployment {DNew} deployment failed: tasks failed to start.");
            var rolling = Event("e2000000-0000-4000-8000-000000000003", 26, $"(service web) rolling back to deployment {DOld}.");
            h.Script.Service("web",
                Rolling(0, 3, events: OldSteady),
                Rolling(0, 1, failed: 2, events: new[] { started, OldSteady }),
                Service("web", new[]
                {
                    Deployment(DRollback, "PRIMARY", "web:7", 3, 0, 0, createdAt: 26),
                    Deployment(DNew, "ACTIVE", "web:8", 0, 0, 0, "FAILED", CircuitBreakerReason, failedTasks: 3, createdAt: -2, updatedAt: 26),
                    Deployment(DOld, "ACTIVE", "web:7", 3, 3, 0, "COMPLETED", createdAt: -86400),
                }, new[] { rolling, failed, started, OldSteady }));
            h.StoppedTasks(DNew,
                StoppedTask("prod", "0f3e2d1c4b5a49687766554433221100", DNew, "web:8", CannotPull, "TaskFailedToStart", 20,
                    Container("prod", "0f3e2d1c4b5a49687766554433221100", "web", reason: CannotPull)),
                StoppedTask("prod", "aa11bb22cc33dd44ee55ff6677889900", DNew, "web:8", "Essential container in task exited", "EssentialContainerExited", 24,
                    Container("prod", "aa11bb22cc33dd44ee55ff6677889900", "web", exitCode: 1),
                    Container("prod", "aa11bb22cc33dd44ee55ff6677889900", "log-router", exitCode: 0)));
            return h;
        }

        [Fact]
        public void DeploymentComplete_fails_on_a_circuit_breaker_rollback_naming_the_deployment_the_reason_and_the_task_definition_rolled_back_to()
        {
            using var h = CircuitBreakerScenario();

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete);

            Assert.Equal(ServiceWaitOutcome.Failed, result.Outcome);
            Assert.Equal(DNew, result.DeploymentId);
            Assert.Contains($"deployment {DNew} of", result.Reason);
            Assert.Contains("service 'web' in cluster 'prod' failed: ECS deployment circuit breaker: tasks failed to start.", result.Reason);
            Assert.Contains($"rolling the service back to web:7 (deployment {DRollback})", result.Reason);
            Assert.Equal(3, h.Requests("DescribeServices").Count);
            Assert.Equal(TimeSpan.FromSeconds(30), result.Elapsed);

            // The stopped reasons of the tasks the failed deployment started, newest first.
            AssertEveryFilterOfTheDiagnosis(h, DNew);
            var describe = Assert.Single(h.Requests("DescribeTasks")).Json;
            Assert.Equal("prod", describe.GetProperty("cluster").GetString());
            Assert.Equal(new[] { TaskArn("prod", "0f3e2d1c4b5a49687766554433221100"), TaskArn("prod", "aa11bb22cc33dd44ee55ff6677889900") },
                describe.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(2, result.StoppedTasks.Count);
            var exited = result.StoppedTasks[0];
            Assert.Equal("Essential container in task exited", exited.StoppedReason);
            Assert.Equal("EssentialContainerExited", exited.StopCode);
            Assert.Equal(new[] { "web: exited (exit code 1)" }, exited.ContainerReasons);
            Assert.Equal("task aa11bb22cc33dd44ee55ff6677889900: Essential container in task exited [web: exited (exit code 1)]", exited.ToString());
            var pull = result.StoppedTasks[1];
            Assert.Equal(CannotPull, pull.StoppedReason);
            Assert.Equal("TaskFailedToStart", pull.StopCode);
            Assert.Equal(new[] { "web: " + CannotPull }, pull.ContainerReasons);

            // The service's latest events, newest first.
            Assert.Equal(new[]
            {
                $"(service web) rolling back to deployment {DOld}.",
                $"(service web) deployment {DNew} deployment failed: tasks failed to start.",
                "(service web) has started 3 tasks: (task 0f3e2d1c4b5a49687766554433221100) (task aa11bb22cc33dd44ee55ff6677889900) (task 5c6d).",
                "(service web) has reached a steady state.",
            }, result.RecentEvents.Select(e => e.Message));
            Assert.Equal("FAILED", result.Service.Deployments.Single(d => d.Id == DNew).RolloutState);
            Assert.Null(result.NotFoundError);
            h.AssertFakeHealthy();
        }

        // ---- 3. rolled back, failed deployment gone ---------------------------------------------

        [Fact]
        public void DeploymentComplete_fails_as_rolled_back_when_the_deployment_disappears_and_the_old_task_definition_is_PRIMARY_again()
        {
            using var h = new WatcherHarness();
            var steady = Event("e3000000-0000-4000-8000-000000000002", 28, "(service web) has reached a steady state.");
            var stopped = Event("e3000000-0000-4000-8000-000000000001", 12, "(service web) has stopped 1 running tasks: (task 7e8f).");
            h.Script.Service("web",
                Rolling(0, 3, events: OldSteady),
                Rolling(0, 2, failed: 1, events: new[] { stopped, OldSteady }),
                Service("web", new[] { Deployment(DRollback, "PRIMARY", "web:7", 3, 3, 0, "COMPLETED", createdAt: 20) },
                    new[] { steady, stopped, OldSteady }));
            h.StoppedTasks(DNew, StoppedTask("prod", "7e8f00000000400080000000000000aa", DNew, "web:8",
                "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef)",
                "ServiceSchedulerInitiated", 11, Container("prod", "7e8f00000000400080000000000000aa", "web", exitCode: 137)));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete);

            Assert.Equal(ServiceWaitOutcome.Failed, result.Outcome);
            Assert.Contains($"deployment {DNew} of", result.Reason);
            Assert.Contains("was rolled back", result.Reason);
            Assert.Contains($"returned the service to web:7 (deployment {DRollback})", result.Reason);
            AssertEveryFilterOfTheDiagnosis(h, DNew);
            var task = Assert.Single(result.StoppedTasks);
            Assert.StartsWith("Task failed ELB health checks", task.StoppedReason);
            Assert.Equal(new[] { "web: exited (exit code 137)" }, task.ContainerReasons);
            Assert.Equal(new[] { "(service web) has reached a steady state.", "(service web) has stopped 1 running tasks: (task 7e8f).", "(service web) has reached a steady state." },
                result.RecentEvents.Select(e => e.Message));
            h.AssertFakeHealthy();
        }

        // ---- 4. replaced ------------------------------------------------------------------------

        [Fact]
        public void DeploymentComplete_fails_as_replaced_when_a_newer_PRIMARY_with_a_new_task_definition_takes_over()
        {
            using var h = new WatcherHarness();
            var started = Event("e4000000-0000-4000-8000-000000000001", 21, "(service web) has started 3 tasks: (task 1111) (task 2222) (task 3333).");
            h.Script.Service("web",
                Rolling(1, 2, events: OldSteady),
                Service("web", new[]
                {
                    Deployment(DNewer, "PRIMARY", "web:9", 3, 0, 3, createdAt: 20),
                    Deployment(DNew, "ACTIVE", "web:8", 1, 1, 0, createdAt: -2),
                    Deployment(DOld, "ACTIVE", "web:7", 2, 2, 0, "COMPLETED", createdAt: -86400),
                }, new[] { started, OldSteady }));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete);

            Assert.Equal(ServiceWaitOutcome.Failed, result.Outcome);
            Assert.Equal(DNew, result.DeploymentId);
            Assert.Contains($"deployment {DNew} of", result.Reason);
            Assert.Contains($"is no longer PRIMARY: a newer deployment {DNewer} (web:9) replaced it before it finished.", result.Reason);
            Assert.DoesNotContain("rolled back", result.Reason);
            Assert.Equal(2, h.Requests("DescribeServices").Count);
            Assert.Equal(started["message"].GetValue<string>(), result.RecentEvents[0].Message);
            AssertEveryFilterOfTheDiagnosis(h, DNew);
            h.AssertFakeHealthy();
        }

        // ---- 5. service deleted meanwhile -------------------------------------------------------

        [Theory]
        [InlineData("DRAINING")]
        [InlineData("INACTIVE")]
        public void DeploymentComplete_fails_when_the_service_is_deleted_while_rolling_out(string status)
        {
            using var h = new WatcherHarness();
            var deleted = Event("e5000000-0000-4000-8000-000000000001", 14, "(service web) has stopped 3 running tasks: (task 1111) (task 2222) (task 3333).");
            h.Script.Service("web",
                Rolling(1, 2, events: OldSteady),
                Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 0, 0, 0, createdAt: -2) }, new[] { deleted, OldSteady },
                    status: status, desired: 0));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete);

            Assert.Equal(ServiceWaitOutcome.Failed, result.Outcome);
            Assert.Contains("service 'web' in cluster 'prod' was deleted while its deployment was rolling out (status " + status + ").", result.Reason);
            Assert.Equal(deleted["message"].GetValue<string>(), result.RecentEvents[0].Message);
            Assert.Equal(status, result.Service.Status);
            h.AssertFakeHealthy();
        }

        [Fact]
        public void DeploymentComplete_fails_when_the_service_goes_MISSING_while_rolling_out()
        {
            using var h = new WatcherHarness();
            h.Script.Service("web", Rolling(1, 2, oldRunning: 0, events: OldSteady), null);

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete);

            Assert.Equal(ServiceWaitOutcome.Failed, result.Outcome);
            Assert.Contains("service 'web' in cluster 'prod' was not found (it does not exist, or was deleted while waiting).", result.Reason);
            // It does not exist any more: a not-found error, as for a service that never did.
            Assert.Equal("ServiceNotFoundException", result.NotFoundError);
            // What was last seen of it stays available.
            Assert.NotNull(result.Service);
            Assert.Equal(1, result.Service.RunningCount);
            Assert.Equal("(service web) has reached a steady state.", Assert.Single(result.RecentEvents).Message);
            Assert.Equal(2, h.Requests("DescribeServices").Count);
            h.AssertFakeHealthy();
        }

        // ---- 6. total timeout -------------------------------------------------------------------

        [Fact]
        public void DeploymentComplete_times_out_after_Timeout_over_PollInterval_polls_on_the_clock()
        {
            using var h = new WatcherHarness();
            h.Script.Service("web", Rolling(1, 2, oldRunning: 0, events: OldSteady));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, Options(timeoutMin: 5, noProgressMin: 60));

            Assert.Equal(ServiceWaitOutcome.TimedOut, result.Outcome);
            Assert.StartsWith("The service 'web' in cluster 'prod' did not reach the 'DeploymentComplete' condition within 5 min (", result.Reason);
            // During a rollout the followed deployment's own counts are what matter, not the service's mixed totals.
            Assert.Matches(@"\(1 of 3 tasks of deployment ecs-svc/\S+ running, 2 pending\)\.$", result.Reason);
            // A poll at 0 s and one after each of 300/15 = 20 intervals.
            Assert.Equal(300 / 15 + 1, h.Requests("DescribeServices").Count);
            Assert.Equal(Enumerable.Repeat(S15, 20), h.Clock.Delays);
            Assert.Equal(TimeSpan.FromMinutes(5), result.Elapsed);
            Assert.Equal(TimeSpan.FromMinutes(5), h.Clock.Elapsed);
            AssertEveryFilterOfTheDiagnosis(h, DNew);
            h.AssertFakeHealthy();
        }

        [Fact]
        public void The_last_interval_is_cut_to_end_exactly_at_the_timeout()
        {
            using var h = new WatcherHarness();
            h.Script.Service("web", Rolling(1, 2, events: OldSteady));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, new ServiceWaitOptions
            {
                Timeout = TimeSpan.FromSeconds(100),
                PollInterval = TimeSpan.FromSeconds(30),
                NoProgressTimeout = TimeSpan.FromHours(1),
            });

            Assert.Equal(ServiceWaitOutcome.TimedOut, result.Outcome);
            Assert.Contains("within 100 s", result.Reason);
            Assert.Equal(new[] { 30, 30, 30, 10 }, h.Clock.Delays.Select(d => (int)d.TotalSeconds));
            Assert.Equal(5, h.Requests("DescribeServices").Count);
            Assert.Equal(TimeSpan.FromSeconds(100), result.Elapsed);
        }

        // ---- 7. no progress ---------------------------------------------------------------------

        [Fact]
        public void DeploymentComplete_ends_with_NoProgress_when_the_counts_never_change()
        {
            using var h = new WatcherHarness();
            h.Script.Service("web", Rolling(1, 2, oldRunning: 0, events: OldSteady));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, Options(timeoutMin: 30, noProgressMin: 2));

            Assert.Equal(ServiceWaitOutcome.NoProgress, result.Outcome);
            Assert.StartsWith("The service 'web' in cluster 'prod' made no progress for 2 min: its running and pending counts have not changed (", result.Reason);
            Assert.Matches(@"\(1 of 3 tasks of deployment ecs-svc/\S+ running, 2 pending\)\.$", result.Reason);
            Assert.Equal(TimeSpan.FromMinutes(2), result.Elapsed);
            Assert.True(result.Elapsed < TimeSpan.FromMinutes(30));
            Assert.Equal(120 / 15 + 1, h.Requests("DescribeServices").Count);
            AssertEveryFilterOfTheDiagnosis(h, DNew);
        }

        [Fact]
        public void Counts_that_keep_changing_never_trigger_NoProgress_however_long_the_rollout()
        {
            using var h = new WatcherHarness();
            // 40 tasks, one more running every poll: 10 virtual minutes against a 2-minute no-progress limit.
            h.Script.Timeline("web", n => n <= 40
                ? Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 40, n - 1, 41 - n, createdAt: -2) }, new[] { OldSteady })
                : Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 40, 40, 0, "COMPLETED", createdAt: -2) }, new[] { OldSteady }));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, Options(timeoutMin: 30, noProgressMin: 2));

            Assert.Equal(ServiceWaitOutcome.Succeeded, result.Outcome);
            Assert.Equal(41, h.Requests("DescribeServices").Count);
            Assert.Equal(TimeSpan.FromMinutes(10), result.Elapsed);
            Assert.Contains("40 of 40 tasks of web:8 running", result.Reason);
        }

        [Fact]
        public void NoProgress_is_measured_from_the_last_change_not_from_the_start()
        {
            using var h = new WatcherHarness();
            // Counts move on polls 1..4 (t = 0..45 s), then stall.
            h.Script.Timeline("web", n => Service("web",
                new[] { Deployment(DNew, "PRIMARY", "web:8", 10, Math.Min(n, 4) - 1, 10 - (Math.Min(n, 4) - 1), createdAt: -2) }, new[] { OldSteady }));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, Options(timeoutMin: 30, noProgressMin: 2));

            Assert.Equal(ServiceWaitOutcome.NoProgress, result.Outcome);
            Assert.Equal(TimeSpan.FromSeconds(45 + 120), result.Elapsed);
            Assert.Contains("(3 of 10 running, 7 pending)", result.Reason);
        }

        // ---- 8. throttling ----------------------------------------------------------------------

        [Fact]
        public void A_throttling_storm_stretches_the_poll_interval_up_to_MaxBackoff_and_the_wait_still_succeeds()
        {
            // The SDK gives up after one attempt (MaxErrorRetry 0), so every throttled answer reaches
            // the watcher at once and the SDK never sleeps for real: eight in a row is a storm longer
            // than anything the SDK's own retries would absorb.
            using var h = new WatcherHarness(maxErrorRetry: 0);
            Assert.Equal(0, AwsClientFactory.GetClient(EcsClient.Descriptor, h.Options).Config.MaxErrorRetry);
            h.Script.Interrupt = n => n >= 2 && n <= 9 ? ScriptedResponse.Throttling("Rate exceeded") : null;
            h.Script.Service("web",
                Rolling(1, 2, events: OldSteady),
                Rolling(2, 1, events: OldSteady),
                Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 3, 3, 0, "COMPLETED", createdAt: -2) }, new[] { OldSteady }));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, Options(maxBackoffSec: 60));

            Assert.Equal(ServiceWaitOutcome.Succeeded, result.Outcome);
            var requests = h.Requests("DescribeServices");
            Assert.Equal(11, requests.Count);
            Assert.Equal(8, requests.Count(r => r.Response.StatusCode == 400));
            // Each throttled request was a poll of its own, not an SDK retry.
            Assert.All(requests, r => Assert.Equal("attempt=1", r.Header("amz-sdk-request")?.Split(';')[0]));
            Assert.Equal(11, requests.Select(r => r.Header("amz-sdk-invocation-id")).Distinct().Count());
            // 15 s, then doubled per throttled poll up to MaxBackoff (60 s), then back to 15 s.
            Assert.Equal(new[] { 15, 30, 60, 60, 60, 60, 60, 60, 60, 15 }, h.Clock.Delays.Select(d => (int)d.TotalSeconds));
            Assert.Equal(8, h.Observer.Messages.Count);
            Assert.All(h.Observer.Messages, m => Assert.Equal("DescribeServices answered ThrottlingException; backing off and trying again.", m));
            h.AssertFakeHealthy();
        }

        [Fact]
        public void Throttling_never_makes_the_watcher_poll_faster_than_PollInterval()
        {
            // A -PollInterval longer than MaxBackoff (the cmdlets leave MaxBackoff at 120 s):
            // backing off must not shorten the interval.
            using var h = new WatcherHarness(maxErrorRetry: 0);
            h.Script.Interrupt = n => n == 2 || n == 3 ? ScriptedResponse.Throttling() : null;
            h.Script.Service("web",
                Rolling(1, 2, events: OldSteady),
                Rolling(2, 1, events: OldSteady),
                Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 3, 3, 0, "COMPLETED", createdAt: -2) }, new[] { OldSteady }));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, Options(pollSec: 180));

            Assert.Equal(ServiceWaitOutcome.Succeeded, result.Outcome);
            Assert.All(h.Clock.Delays, d => Assert.True(d >= TimeSpan.FromSeconds(180),
                $"delays were {string.Join(", ", h.Clock.Delays.Select(x => x.TotalSeconds + " s"))}; a throttled poll came sooner than PollInterval"));
        }

        [Fact]
        public void A_throttling_storm_longer_than_NoProgressTimeout_is_not_reported_as_no_progress()
        {
            // The class promises that throttling never fails a wait by itself. During the storm the
            // watcher sees nothing, so it cannot say the counts "have not changed".
            using var h = new WatcherHarness(maxErrorRetry: 0);
            h.Script.Interrupt = n => n >= 2 && n <= 7 ? ScriptedResponse.Throttling() : null;
            h.Script.Service("web",
                Rolling(1, 2, events: OldSteady),
                Rolling(2, 1, events: OldSteady),
                Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 3, 3, 0, "COMPLETED", createdAt: -2) }, new[] { OldSteady }));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, Options(noProgressMin: 5));

            Assert.True(result.Outcome == ServiceWaitOutcome.Succeeded,
                $"Outcome {result.Outcome} after {h.Requests("DescribeServices").Count} requests: {result.Reason}");
        }

        // ---- 9. cancellation --------------------------------------------------------------------

        [Fact]
        public void Cancelling_during_the_third_wait_throws_OperationCanceledException_and_sends_nothing_more()
        {
            using var h = new WatcherHarness();
            using var cts = new CancellationTokenSource();
            h.Script.Service("web", Rolling(1, 2, events: OldSteady));
            h.Clock.OnDelay = (n, _) => { if (n == 3) cts.Cancel(); };

            Assert.ThrowsAny<OperationCanceledException>(() => h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, ct: cts.Token));

            Thread.Sleep(100);
            Assert.Equal(3, h.Fake.Requests.Count);
            Assert.Equal(3, h.Requests("DescribeServices").Count);
            Assert.Empty(h.Observer.Finished);
        }

        [Fact]
        public void Cancellation_is_honoured_even_when_the_clock_ignores_the_token()
        {
            using var h = new WatcherHarness();
            using var cts = new CancellationTokenSource();
            h.Script.Service("web", Rolling(1, 2, events: OldSteady));
            h.Clock.ThrowWhenCancelled = false;
            h.Clock.OnDelay = (n, _) => { if (n == 3) cts.Cancel(); };

            Assert.ThrowsAny<OperationCanceledException>(() => h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, ct: cts.Token));

            Assert.Equal(3, h.Fake.Requests.Count);
            Assert.Equal(3, h.Clock.Delays.Count);
        }

        [Fact]
        public void Cancelling_while_a_poll_is_in_flight_aborts_that_request_promptly()
        {
            using var h = new WatcherHarness();
            using var cts = new CancellationTokenSource();
            h.Script.Service("web", Rolling(1, 2, events: OldSteady));
            h.Script.OnCall = n => { if (n == 3) cts.Cancel(); };
            // The third answer would take 20 s to arrive.
            h.Script.Interrupt = n => n == 3
                ? ScriptedResponse.Json(new JsonObject { ["services"] = new JsonArray(Rolling(2, 1)), ["failures"] = new JsonArray() }).After(TimeSpan.FromSeconds(20))
                : null;

            var watch = Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, ct: cts.Token));
            watch.Stop();

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"cancellation took {watch.Elapsed.TotalSeconds:F1} s");
            Assert.Equal(2, h.Clock.Delays.Count); // it came out of the request, not out of the next delay
            Thread.Sleep(100);
            Assert.Equal(3, h.Fake.Requests.Count);
        }

        // ---- 10. Stable = botocore services-stable ----------------------------------------------

        [Fact]
        public void Stable_is_botocore_services_stable_so_one_FAILED_deployment_with_running_equal_desired_succeeds__the_gap_DeploymentComplete_closes()
        {
            JsonObject failedButFull = Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 2, 2, 0, "FAILED", CircuitBreakerReason, failedTasks: 4, createdAt: -2) },
                new[] { OldSteady });

            using (var h = new WatcherHarness())
            {
                h.Script.Service("web", failedButFull);
                var stable = h.WaitOne("web", ServiceWaitCondition.Stable);

                Assert.Equal(ServiceWaitOutcome.Succeeded, stable.Outcome);
                Assert.Contains("service 'web' in cluster 'prod' is stable with 2 of 2 tasks running.", stable.Reason);
                Assert.Single(h.Requests("DescribeServices"));
            }
            using (var h = new WatcherHarness())
            {
                h.Script.Service("web", failedButFull);
                var complete = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete);

                Assert.Equal(ServiceWaitOutcome.Failed, complete.Outcome);
                Assert.Contains("failed: ECS deployment circuit breaker: tasks failed to start.", complete.Reason);
            }
        }

        [Fact]
        public void Stable_waits_for_exactly_one_deployment_with_running_equal_desired()
        {
            using var h = new WatcherHarness();
            h.Script.Service("web",
                Rolling(0, 0, oldRunning: 3, events: OldSteady), // 3 running of 3 desired, but two deployments
                Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 3, 2, 1, createdAt: -2) }, new[] { OldSteady }),
                Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 3, 3, 0, createdAt: -2) }, new[] { OldSteady }));

            var result = h.WaitOne("web", ServiceWaitCondition.Stable);

            Assert.Equal(ServiceWaitOutcome.Succeeded, result.Outcome);
            Assert.Equal(3, h.Requests("DescribeServices").Count);
            Assert.Contains("is stable with 3 of 3 tasks running.", result.Reason);
        }

        [Theory]
        [InlineData("DRAINING")]
        [InlineData("INACTIVE")]
        public void Stable_fails_when_the_service_is_being_deleted(string status)
        {
            using var h = new WatcherHarness();
            h.Script.Service("web", Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 0, 0, 0, createdAt: -2) }, new[] { OldSteady }, status: status));

            var result = h.WaitOne("web", ServiceWaitCondition.Stable);

            Assert.Equal(ServiceWaitOutcome.Failed, result.Outcome);
            Assert.Contains($"service 'web' in cluster 'prod' is {status}: it is being deleted, so it will never be stable.", result.Reason);
        }

        [Fact]
        public void Stable_fails_when_the_service_is_MISSING()
        {
            using var h = new WatcherHarness();
            h.Script.Service("web", (JsonObject)null);

            var result = h.WaitOne("web", ServiceWaitCondition.Stable);

            Assert.Equal(ServiceWaitOutcome.Failed, result.Outcome);
            Assert.Contains("service 'web' in cluster 'prod' was not found", result.Reason);
            Assert.Null(result.Service);
            Assert.Equal("web", result.ServiceName);
            // The cmdlets report it with the ErrorId that Get-EcsServiceX uses for a missing service.
            Assert.Equal("ServiceNotFoundException", result.NotFoundError);
        }

        [Fact]
        public void A_missing_cluster_fails_every_wait_in_it_as_ClusterNotFoundException()
        {
            using var h = new WatcherHarness();
            h.Script.Interrupt = n => ScriptedResponse.Error("ClusterNotFoundException", "Cluster not found.");

            var results = h.Wait(new[] { new ServiceWaitTarget("nosuch", "web"), new ServiceWaitTarget("nosuch", "api") }, ServiceWaitCondition.DeploymentComplete);

            Assert.All(results, r =>
            {
                Assert.Equal(ServiceWaitOutcome.Failed, r.Outcome);
                Assert.Equal("ClusterNotFoundException", r.NotFoundError);
                Assert.Contains("the cluster was not found", r.Reason);
            });
            Assert.Single(h.Script.Calls);
        }

        // ---- 11. Inactive -----------------------------------------------------------------------

        [Fact]
        public void Inactive_succeeds_once_the_service_is_INACTIVE()
        {
            using var h = new WatcherHarness();
            h.Script.Service("web",
                Rolling(3, 0, events: OldSteady),
                Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 0, 2, 0, createdAt: -2) }, new[] { OldSteady }, status: "DRAINING", desired: 0),
                Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 0, 0, 0, createdAt: -2) }, new[] { OldSteady }, status: "INACTIVE", desired: 0));

            var result = h.WaitOne("web", ServiceWaitCondition.Inactive);

            Assert.Equal(ServiceWaitOutcome.Succeeded, result.Outcome);
            Assert.Contains("service 'web' in cluster 'prod' is INACTIVE.", result.Reason);
            Assert.Equal(3, h.Requests("DescribeServices").Count);
            Assert.Empty(h.Requests("ListTasks"));
        }

        [Fact]
        public void Inactive_succeeds_when_the_service_is_MISSING()
        {
            using var h = new WatcherHarness();
            h.Script.Service("web", Rolling(3, 0, events: OldSteady), null);

            var result = h.WaitOne("web", ServiceWaitCondition.Inactive);

            Assert.Equal(ServiceWaitOutcome.Succeeded, result.Outcome);
            Assert.Contains("service 'web' in cluster 'prod' no longer exists.", result.Reason);
            Assert.Equal(2, h.Requests("DescribeServices").Count);
            Assert.Empty(h.Requests("ListTasks"));
        }

        // ---- 12. many services ------------------------------------------------------------------

        [Fact]
        public void Twenty_three_services_share_three_DescribeServices_calls_per_poll_and_finished_ones_drop_out()
        {
            using var h = new WatcherHarness();
            var names = Enumerable.Range(0, 23).Select(i => $"svc-{i:D2}").ToList();
            // svc-i completes on its (3 + i % 3)th poll: all 23 pending for polls 1-3, 15 for poll 4, 7 for poll 5.
            foreach (var (name, i) in names.Select((n, i) => (n, i)))
            {
                var doneAt = 3 + i % 3;
                var deployment = $"ecs-svc/{1000000000000000000L + i}";
                h.Script.Timeline(name, n => Service(name, new[]
                {
                    n >= doneAt
                        ? Deployment(deployment, "PRIMARY", name + ":2", 2, 2, 0, "COMPLETED", createdAt: -2)
                        : Deployment(deployment, "PRIMARY", name + ":2", 2, Math.Min(n - 1, 1), 2 - Math.Min(n - 1, 1), createdAt: -2),
                }));
            }
            var targets = names.Select(n => new ServiceWaitTarget("prod", n)).ToList();

            var results = h.Wait(targets, ServiceWaitCondition.DeploymentComplete);

            Assert.Equal(names, results.Select(r => r.ServiceName));
            Assert.All(results, r => Assert.Equal(ServiceWaitOutcome.Succeeded, r.Outcome));
            Assert.Equal(names.Select((n, i) => TimeSpan.FromSeconds(15 * (2 + i % 3))), results.Select(r => r.Elapsed));

            var calls = h.Script.Calls;
            var perPoll = calls.GroupBy(c => c.At).OrderBy(g => g.Key).Select(g => g.Select(c => c.Services.Count).ToArray()).ToList();
            Assert.Equal(new[] { new[] { 10, 10, 3 }, new[] { 10, 10, 3 }, new[] { 10, 10, 3 }, new[] { 10, 5 }, new[] { 7 } }, perPoll);
            Assert.All(calls, c => Assert.Equal("prod", c.Cluster));
            // Each poll asks for exactly the services still pending, in the order they were given.
            foreach (var group in calls.GroupBy(c => c.At))
            {
                var poll = (int)(group.Key.TotalSeconds / 15) + 1;
                var expected = names.Where((n, i) => 3 + i % 3 >= poll).ToList();
                Assert.Equal(expected, group.OrderBy(c => c.Number).SelectMany(c => c.Services));
            }
            Assert.Equal(23, h.Observer.Finished.Count);
            Assert.Empty(h.Requests("ListTasks"));
            h.AssertFakeHealthy();
        }

        // ---- 13. explicit deployment id ---------------------------------------------------------

        [Fact]
        public void An_explicit_DeploymentId_is_followed_even_when_another_deployment_is_PRIMARY_at_the_first_poll()
        {
            // Right after UpdateService (whose answer named DNew, and the cmdlets pass that id), an
            // eventually consistent DescribeServices can still show only the old PRIMARY.
            JsonObject[] timeline =
            {
                Service("web", new[] { Deployment(DOld, "PRIMARY", "web:7", 3, 3, 0, "COMPLETED", createdAt: -86400) }, new[] { OldSteady }),
                Rolling(1, 2, events: OldSteady),
                Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 3, 3, 0, "COMPLETED", createdAt: -2) }, new[] { OldSteady }),
            };

            using (var h = new WatcherHarness())
            {
                h.Script.Service("web", timeline);
                var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, deploymentId: DNew);

                Assert.Equal(DNew, result.DeploymentId);
                Assert.True(result.Outcome == ServiceWaitOutcome.Succeeded,
                    $"Outcome {result.Outcome} after {h.Requests("DescribeServices").Count} poll(s): {result.Reason}");
                Assert.Contains($"deployment {DNew} of", result.Reason);
                Assert.Equal(3, h.Requests("DescribeServices").Count);
            }
            using (var h = new WatcherHarness())
            {
                // Without the id, the watcher follows whatever is PRIMARY at the first poll.
                h.Script.Service("web", timeline);
                var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete);

                Assert.Equal(DOld, result.DeploymentId);
                Assert.Equal(ServiceWaitOutcome.Succeeded, result.Outcome);
                Assert.Single(h.Requests("DescribeServices"));
            }
        }

        [Fact]
        public void An_explicit_DeploymentId_already_superseded_at_the_first_poll_is_reported_replaced_not_rolled_back()
        {
            using var h = new WatcherHarness();
            h.Script.Service("web", Service("web", new[]
            {
                Deployment(DNewer, "PRIMARY", "web:9", 3, 1, 2, createdAt: 10),
                Deployment(DNew, "ACTIVE", "web:8", 1, 1, 0, createdAt: -2),
                Deployment(DOld, "ACTIVE", "web:7", 1, 1, 0, "COMPLETED", createdAt: -86400),
            }, new[] { OldSteady }));

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete, deploymentId: DNew);

            Assert.Equal(ServiceWaitOutcome.Failed, result.Outcome);
            Assert.Equal(DNew, result.DeploymentId);
            Assert.Contains($"deployment {DNew} of", result.Reason);
            Assert.True(result.Reason.Contains("replaced it before it finished") && result.Reason.Contains($"{DNewer} (web:9)")
                && !result.Reason.Contains("rolled back"), "Reason: " + result.Reason);
            AssertEveryFilterOfTheDiagnosis(h, DNew);
        }

        // ---- what the user reads ----------------------------------------------------------------

        [Fact]
        public void Reasons_read_as_one_sentence()
        {
            using var h = CircuitBreakerScenario();

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete);

            Assert.Equal(
                $"The deployment {DNew} of the service 'web' in cluster 'prod' failed: ECS deployment circuit breaker: tasks failed to start. " +
                $"ECS is rolling the service back to web:7 (deployment {DRollback}).",
                result.Reason);
        }

        [Fact]
        public void Progress_reports_say_how_many_services_and_how_long()
        {
            using var h = new WatcherHarness();
            h.Script.Service("web",
                Rolling(1, 2, events: OldSteady),
                Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 3, 3, 0, "COMPLETED", createdAt: -2) }, new[] { OldSteady }));
            h.Script.Service("api", Service("api", new[] { Deployment(DRollback, "PRIMARY", "api:3", 1, 1, 0, "COMPLETED", createdAt: -2) }));

            h.Wait(new[] { new ServiceWaitTarget("prod", "web"), new ServiceWaitTarget("prod", "api") }, ServiceWaitCondition.DeploymentComplete);

            var web = h.Observer.Progress.Where(p => p.ServiceName == "web").ToList();
            Assert.All(h.Observer.Progress, p => Assert.Equal(2, p.Total));
            Assert.Equal(new[] { TimeSpan.Zero, S15, S15 }, web.Select(p => p.Elapsed));
        }

        [Fact]
        public void The_diagnosis_is_a_courtesy_a_throttled_ListTasks_leaves_the_verdict_and_says_why()
        {
            using var h = CircuitBreakerScenario();
            h.Fake.Always("ListTasks", ScriptedResponse.Throttling());

            var result = h.WaitOne("web", ServiceWaitCondition.DeploymentComplete);

            Assert.Equal(ServiceWaitOutcome.Failed, result.Outcome);
            Assert.Contains("ECS deployment circuit breaker", result.Reason);
            Assert.Empty(result.StoppedTasks);
            Assert.Equal(4, result.RecentEvents.Count);
            var message = Assert.Single(h.Observer.Messages);
            Assert.StartsWith($"Could not read the stopped tasks of deployment {DNew}:", message);
            Assert.Contains("Rate exceeded", message);
        }

        // ---- the requests themselves ------------------------------------------------------------

        [Fact]
        public void Every_request_the_watcher_sends_is_valid_against_botocores_ECS_model_and_every_scripted_answer_too()
        {
            var model = ServiceModel.Ecs;
            var seen = new HashSet<string>();
            using (var h = CircuitBreakerScenario())
            {
                h.WaitOne("web", ServiceWaitCondition.DeploymentComplete);
                foreach (var r in h.Fake.Requests)
                {
                    seen.Add(ModelAssert.ValidRequest(model, r));
                    ModelAssert.ValidResponse(model, r);
                }
                var list = Assert.Single(h.Requests("ListTasks")).Json;
                Assert.Equal(100, list.GetProperty("maxResults").GetInt32());
                var describe = h.Requests("DescribeServices")[0].Json;
                Assert.Equal(new[] { "cluster", "services" }, describe.EnumerateObject().Select(p => p.Name).OrderBy(n => n));
            }
            using (var h = new WatcherHarness())
            {
                var names = Enumerable.Range(0, 23).Select(i => $"svc-{i:D2}").ToList();
                foreach (var name in names)
                    h.Script.Service(name, Service(name, new[] { Deployment("ecs-svc/1", "PRIMARY", name + ":1", 1, 1, 0, "COMPLETED") }));
                h.Wait(names.Select(n => new ServiceWaitTarget(EcsResponses.ClusterArn("prod"), n)).ToList(), ServiceWaitCondition.Stable);
                foreach (var r in h.Fake.Requests)
                {
                    seen.Add(ModelAssert.ValidRequest(model, r));
                    ModelAssert.ValidResponse(model, r);
                }
                Assert.All(h.Requests("DescribeServices"), r => Assert.Equal(EcsResponses.ClusterArn("prod"), r.Json.GetProperty("cluster").GetString()));
            }
            Assert.Equal(new[] { "DescribeServices", "DescribeTasks", "ListTasks" }, seen.OrderBy(s => s));
        }
    }
}
