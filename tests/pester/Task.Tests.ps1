# The task cmdlets (Get-EcsTaskX, Stop-EcsTaskX), run from the published module against moto.
# Tasks are seeded with RunTask sent straight to moto (Invoke-MotoEcs), not through the module.
# moto differs from ECS in ways these tests keep clear of (shared/notes/moto.md): it lists tasks
# of every desired status when none is asked for, and it ignores serviceName and launchType in
# ListTasks. Where the module's part is what it sends, the request is read at a recorder that
# forwards to moto, and checked against botocore's ECS model.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    $TaskType = 'EcsPS.Engine.Ecs.Model.Task'
    Reset-EcsTestState -Endpoint $Endpoint
    # Without this, every DescribeTasks moves a moto task one step towards STOPPED.
    $null = Invoke-RestMethod -Method Post -Uri "$Endpoint/moto-api/state-manager/set-transition" -ContentType 'application/json' `
        -Body '{"model_name":"ecs::task","transition":{"progression":"manual","times":1000000}}'

    $Network = Get-DefaultVpcNetwork -Endpoint $Endpoint
    function New-MotoFamily([string] $Family) {
        $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation RegisterTaskDefinition -Body @{
            family = $Family; networkMode = 'awsvpc'; requiresCompatibilities = @('FARGATE'); cpu = '256'; memory = '512'
            containerDefinitions = @(@{ name = 'app'; image = 'public.ecr.aws/nginx/nginx:1.27'; memory = 256 })
        }
    }
    # RunTask on Fargate, as moto needs it: security groups and a container-level memory.
    function Start-MotoTask([string] $Cluster, [string] $Family, [int] $Count = 1, [string] $StartedBy, [string] $Group, [hashtable] $Tags) {
        $body = @{
            cluster = $Cluster; taskDefinition = $Family; launchType = 'FARGATE'; count = $Count
            networkConfiguration = @{ awsvpcConfiguration = @{ subnets = @($Network.SubnetIds[0]); securityGroups = @($Network.SecurityGroupId) } }
        }
        if ($StartedBy) { $body.startedBy = $StartedBy }
        if ($Group) { $body.group = $Group }
        if ($Tags) { $body.tags = @($Tags.GetEnumerator() | ForEach-Object { @{ key = $_.Key; value = $_.Value } }) }
        @((Invoke-MotoEcs -Endpoint $Endpoint -Operation RunTask -Body $body).tasks)
    }
    function Get-MotoTask([string] $Cluster, [string] $Task) {
        @((Invoke-MotoEcs -Endpoint $Endpoint -Operation DescribeTasks -Body @{ cluster = $Cluster; tasks = @($Task) }).tasks)[0]
    }
    function Id([string] $Arn) { $Arn.Substring($Arn.LastIndexOf('/') + 1) }
    function Assert-FitsEcsModel($Recorder, [string] $Operation) {
        $requests = @($Recorder.Requests | Where-Object Operation -eq $Operation)
        $requests.Count | Should -BeGreaterThan 0 -Because "a $Operation request was expected"
        foreach ($request in $requests) {
            @(Test-EcsRequestShape -Operation $Operation -Body $request.Body) | Should -BeNullOrEmpty -Because "the $Operation request must fit the ECS model ($($request.Body))"
        }
    }

    $A = New-TestName 'task-a'
    $B = New-TestName 'task-b'
    $FamA = New-TestName 'tfa'
    $FamB = New-TestName 'tfb'
    $Svc = New-TestName 'tsvc'
    foreach ($c in $A, $B) { $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation CreateCluster -Body @{ clusterName = $c } }
    New-MotoFamily $FamA
    New-MotoFamily $FamB
    $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation CreateService -Body @{
        cluster = $A; serviceName = $Svc; taskDefinition = $FamA; desiredCount = 0; launchType = 'FARGATE'
        networkConfiguration = @{ awsvpcConfiguration = @{ subnets = @($Network.SubnetIds[0]); securityGroups = @($Network.SecurityGroupId) } }
    }
    $Batch = Start-MotoTask $A $FamA -Count 2 -StartedBy 'batch-a'
    $Tagged = Start-MotoTask $A $FamB -StartedBy 'other' -Group "service:$Svc" -Tags @{ team = 'blue' }
    $Running = @($Batch) + @($Tagged)
    $Stopped = Start-MotoTask $A $FamB -StartedBy 'gone'
    $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation StopTask -Body @{ cluster = $A; task = $Stopped[0].taskArn; reason = 'seeded stop' }
    $InB = Start-MotoTask $B $FamA
}

AfterAll {
    $null = Invoke-RestMethod -Method Post -Uri "$Endpoint/moto-api/state-manager/unset-transition" -ContentType 'application/json' -Body '{"model_name":"ecs::task"}'
    Clear-EcsTestEnvironment
}

Describe 'Get-EcsTaskX' {
    BeforeAll {
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
        $nothing = Start-RequestRecorder
    }
    AfterAll { $forward.Dispose(); $nothing.Dispose() }
    BeforeEach { $forward.Clear(); $nothing.Clear() }

    It 'lists the tasks of a cluster as Task objects, leaving the desired status to ECS''s default' {
        $tasks = @(Get-EcsTaskX -Cluster $A @Via)

        $tasks | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be $TaskType }
        $tasks.ClusterName | Sort-Object -Unique | Should -Be $A
        foreach ($t in $Running) { $tasks.TaskArn | Should -Contain $t.taskArn }
        $tasks.TaskArn | Should -Not -Contain $InB[0].taskArn
        $list = @(Get-RequestBody $forward 'ListTasks')
        $list.Count | Should -Be 1
        $list[0].cluster | Should -Be $A
        $list[0].maxResults | Should -Be 100
        $list[0].PSObject.Properties.Name | Should -Not -Contain 'desiredStatus'
        Assert-FitsEcsModel $forward 'ListTasks'
        Assert-FitsEcsModel $forward 'DescribeTasks'
    }

    It 'lists only RUNNING tasks with -DesiredStatus RUNNING' {
        $tasks = @(Get-EcsTaskX -Cluster $A -DesiredStatus RUNNING @Aws)
        @($tasks.TaskArn | Sort-Object) | Should -Be @($Running.taskArn | Sort-Object)
        $tasks.DesiredStatus | Sort-Object -Unique | Should -Be 'RUNNING'
    }

    It 'finds a stopped task and why it stopped with -DesiredStatus STOPPED' {
        $tasks = @(Get-EcsTaskX -Cluster $A -DesiredStatus STOPPED @Aws | Select-Object TaskId, StopCode, StoppedReason)
        $tasks.Count | Should -Be 1
        $tasks[0].TaskId | Should -Be (Id $Stopped[0].taskArn)
        $tasks[0].StoppedReason | Should -Be 'seeded stop'
    }

    It 'selects by -Family and by -StartedBy' {
        @((Get-EcsTaskX -Cluster $A -Family $FamA @Aws).TaskArn | Sort-Object) | Should -Be @($Batch.taskArn | Sort-Object)
        @((Get-EcsTaskX -Cluster $A -StartedBy 'batch-a' @Aws).TaskArn | Sort-Object) | Should -Be @($Batch.taskArn | Sort-Object)
        @((Get-EcsTaskX -Cluster $A -Family $FamB -DesiredStatus RUNNING @Aws).TaskArn) | Should -Be @($Tagged[0].taskArn)
    }

    It 'sends -ServiceName, -LaunchType and -ContainerInstance as ListTasks filters' {
        $instance = 'arn:aws:ecs:us-east-1:123456789012:container-instance/' + $A + '/0123456789abcdef0123456789abcdef'
        $null = Get-EcsTaskX -Cluster $A -ServiceName $Svc -LaunchType FARGATE -DesiredStatus RUNNING @Via
        # moto fails ListTasks for a container instance it does not hold: this one goes to a
        # recorder that answers nothing, to see what is sent.
        $null = Get-EcsTaskX -ContainerInstance $instance -Region us-east-1 -EndpointUrl $nothing.Url -ErrorAction SilentlyContinue

        $list = @(Get-RequestBody $forward 'ListTasks')
        $list.Count | Should -Be 1
        $list[0].serviceName | Should -Be $Svc
        $list[0].launchType | Should -Be 'FARGATE'
        $list[0].desiredStatus | Should -Be 'RUNNING'
        Assert-FitsEcsModel $forward 'ListTasks'
        # A container instance ARN names its cluster: no -Cluster needed.
        $sent = @(Get-RequestBody $nothing 'ListTasks')
        $sent.Count | Should -Be 1
        $sent[0].containerInstance | Should -Be $instance
        $sent[0].cluster | Should -Be $A
        Assert-FitsEcsModel $nothing 'ListTasks'
    }

    It 'gets tasks by id and by ARN, without listing' {
        $tasks = @(Get-EcsTaskX -Cluster $A -Task (Id $Batch[0].taskArn), $Batch[1].taskArn @Via)

        @($tasks.TaskArn | Sort-Object) | Should -Be @($Batch.taskArn | Sort-Object)
        $forward.Operations | Should -Not -Contain 'ListTasks'
        @(Get-RequestBody $forward 'DescribeTasks' | ForEach-Object { $_.tasks } | Sort-Object) | Should -Be @((Id $Batch[0].taskArn), $Batch[1].taskArn | Sort-Object)
        Assert-FitsEcsModel $forward 'DescribeTasks'
    }

    It 'describes many task ids in one DescribeTasks' {
        $tasks = @(Get-EcsTaskX -Cluster $A -Task ($Running.taskArn | ForEach-Object { Id $_ }) @Via)
        $tasks.Count | Should -Be 3
        $forward.Operations | Should -Be @('DescribeTasks')
        (Get-RequestBody $forward 'DescribeTasks')[0].tasks.Count | Should -Be 3
    }

    It 'finds a task by its ARN alone, in the cluster the ARN names' {
        $task = Get-EcsTaskX -Task $InB[0].taskArn @Via
        $task.TaskArn | Should -Be $InB[0].taskArn
        (Get-RequestBody $forward 'DescribeTasks')[0].cluster | Should -Be $B
    }

    It 'reports a task id that does not exist as TaskNotFoundException, and still writes the others' {
        $missing = '0123456789abcdef0123456789abcdef'
        $run = Invoke-Captured { Get-EcsTaskX -Cluster $A -Task (Id $Batch[0].taskArn), $missing, (Id $Batch[1].taskArn) @Aws }

        @($run.Output.TaskArn | Sort-Object) | Should -Be @($Batch.taskArn | Sort-Object)
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TaskNotFoundException,*'
        "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be $missing
    }

    It 'skips a named task that a filter leaves out, with a verbose line and no error' {
        $id = Id $Batch[0].taskArn
        $ErrorActionPreference = 'Stop'
        $verbose = Get-EcsTaskX -Cluster $A -Task $id -Family $FamB @Aws -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose.Message) | Should -Contain "Skipped the task '$id': it is not of task definition family '$FamB'."
        Get-EcsTaskX -Cluster $A -Task $id -Family $FamB @Aws | Should -BeNullOrEmpty
    }

    It 'lists the tasks of every cluster piped in' {
        $tasks = @(Get-EcsClusterX $A, $B @Aws | Get-EcsTaskX -DesiredStatus RUNNING @Aws)
        @($tasks.TaskArn | Sort-Object) | Should -Be @((@($Running) + @($InB)).taskArn | Sort-Object)
        ($tasks | Where-Object TaskArn -eq $InB[0].taskArn).ClusterName | Should -Be $B
    }

    It 'lists the tasks of a service piped in: its name and cluster go to ListTasks' {
        $service = Get-EcsServiceX $Svc -Cluster $A @Aws
        $null = $service | Get-EcsTaskX @Via

        $list = @(Get-RequestBody $forward 'ListTasks')
        $list.Count | Should -Be 1
        $list[0].serviceName | Should -Be $Svc
        $list[0].cluster | Should -Be $service.ClusterArn
        $list[0].PSObject.Properties.Name | Should -Not -Contain 'containerInstance'
    }

    It 'describes piped tasks again, batched across the pipeline' {
        $again = @(Get-EcsTaskX -Cluster $A -Family $FamA @Aws | Get-EcsTaskX @Via)
        @($again.TaskArn | Sort-Object) | Should -Be @($Batch.taskArn | Sort-Object)
        $forward.Operations | Should -Be @('DescribeTasks')
        (Get-RequestBody $forward 'DescribeTasks')[0].tasks.Count | Should -Be 2
    }

    It 'returns tags with -Include TAGS' {
        $task = Get-EcsTaskX -Cluster $A -Task (Id $Tagged[0].taskArn) -Include TAGS @Via
        @($task.Tags | ForEach-Object { "$_" }) | Should -Be @('team=blue')
        @((Get-RequestBody $forward 'DescribeTasks')[0].include) | Should -Be @('TAGS')
        Assert-FitsEcsModel $forward 'DescribeTasks'
    }

    It 'shows each container with its last status and exit code in Format-List' {
        $task = Get-EcsTaskX -Cluster $A -Task (Id $Tagged[0].taskArn) @Aws
        $container = $task.Containers[0]
        $expected = "app ($($container.LastStatus)" + $(if ($null -ne $container.ExitCode) { ", exit $($container.ExitCode)" }) + ')'
        "$container" | Should -Be $expected
        ($task | Format-List Containers | Out-String) | Should -Match ([regex]::Escape($expected))
    }

    It 'says quietly that a listing found nothing' {
        $ErrorActionPreference = 'Stop'
        $verbose = Get-EcsTaskX -Cluster $B -StartedBy 'nobody' @Aws -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose.Message) | Should -Contain "There is no task in cluster '$B' to return."
    }
}

Describe 'Get-EcsTaskX with more than 100 tasks' {
    BeforeAll {
        $Big = New-TestName 'task-big'
        $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation CreateCluster -Body @{ clusterName = $Big }
        $BigTasks = @(1..15 | ForEach-Object { Start-MotoTask $Big $FamA -Count 10 })
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'describes a listing of 150 tasks 100 to a request' {
        $tasks = @(Get-EcsTaskX -Cluster $Big @Via)
        @($tasks.TaskArn | Sort-Object -Unique).Count | Should -Be 150
        @(Get-RequestBody $forward 'DescribeTasks' | ForEach-Object { $_.tasks.Count }) | Should -Be @(100, 50)
        Assert-FitsEcsModel $forward 'DescribeTasks'
    }

    It 'describes 150 named tasks 100 to a request' {
        $ids = [string[]]@($BigTasks.taskArn | ForEach-Object { Id $_ })
        $tasks = @(Get-EcsTaskX -Cluster $Big -Task $ids @Via)
        $tasks.Count | Should -Be 150
        @(Get-RequestBody $forward 'DescribeTasks' | ForEach-Object { $_.tasks.Count }) | Should -Be @(100, 50)
        $forward.Operations | Should -Not -Contain 'ListTasks'
    }
}

Describe 'Stop-EcsTaskX' {
    BeforeAll {
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
        $nothing = Start-RequestRecorder
    }
    AfterAll { $forward.Dispose(); $nothing.Dispose() }
    BeforeEach { $forward.Clear(); $nothing.Clear() }

    It '-WhatIf says what it would stop and sends nothing' {
        $task = (Start-MotoTask $A $FamB)[0]
        $run = Get-WhatIfLine { Stop-EcsTaskX -Cluster $A -Task (Id $task.taskArn) -Reason 'not really' -WhatIf -Region us-east-1 -EndpointUrl $nothing.Url }

        $run.Lines | Should -Be @("What if: Performing the operation ""Stop ECS task"" on target ""$(Id $task.taskArn) (cluster $A)"".")
        $run.Output | Should -BeNullOrEmpty
        $nothing.Count | Should -Be 0
        (Get-MotoTask $A $task.taskArn).desiredStatus | Should -Be 'RUNNING'
    }

    It 'stops a task with its reason and writes nothing without -PassThru' {
        $task = (Start-MotoTask $A $FamB)[0]
        $out = Stop-EcsTaskX -Cluster $A -Task (Id $task.taskArn) -Reason 'Recycled by the tests' @Via

        $out | Should -BeNullOrEmpty
        $seen = Get-MotoTask $A $task.taskArn
        $seen.desiredStatus | Should -Be 'STOPPED'
        $seen.stoppedReason | Should -Be 'Recycled by the tests'
        $body = @(Get-RequestBody $forward 'StopTask')
        $body.Count | Should -Be 1
        $body[0].cluster | Should -Be $A
        $body[0].reason | Should -Be 'Recycled by the tests'
        Assert-FitsEcsModel $forward 'StopTask'
    }

    It 'stops the tasks piped from Get-EcsTaskX and writes them with -PassThru' {
        $family = New-TestName 'tstop'
        New-MotoFamily $family
        $started = Start-MotoTask $A $family -Count 3
        $stopped = @(Get-EcsTaskX -Cluster $A -Family $family @Aws | Stop-EcsTaskX -PassThru @Via)

        @($stopped.TaskArn | Sort-Object) | Should -Be @($started.taskArn | Sort-Object)
        $stopped | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be $TaskType; $_.DesiredStatus | Should -Be 'STOPPED' }
        # Piped tasks bind their ARN and their cluster's ARN.
        @(Get-RequestBody $forward 'StopTask' | ForEach-Object task | Sort-Object) | Should -Be @($started.taskArn | Sort-Object)
        @(Get-RequestBody $forward 'StopTask' | ForEach-Object cluster | Sort-Object -Unique) | Should -Be @($stopped[0].ClusterArn)
        foreach ($t in $started) { (Get-MotoTask $A $t.taskArn).desiredStatus | Should -Be 'STOPPED' }
    }

    It 'stops a task again without complaint' {
        $task = (Start-MotoTask $A $FamB)[0]
        Stop-EcsTaskX -Task $task.taskArn @Aws
        $run = Invoke-Captured { Stop-EcsTaskX -Task $task.taskArn -PassThru @Aws }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output[0].DesiredStatus | Should -Be 'STOPPED'
    }
}

Describe 'Tab completion of tasks' {
    BeforeAll {
        function Complete([string] $line) {
            @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches)
        }
        $Common = "-Region us-east-1 -EndpointUrl $Endpoint"
    }

    It 'completes the task ids of the -Cluster on the command line, with task definition and status as tooltip' {
        $found = Complete "Stop-EcsTaskX $Common -Cluster $B -Task "
        @($found.CompletionText) | Should -Be @(Id $InB[0].taskArn)
        $found[0].ToolTip | Should -BeLike "*${FamA}:1*RUNNING*"
    }

    It 'completes task ids from a prefix' {
        $id = Id $Batch[0].taskArn
        @((Complete "Get-EcsTaskX $Common -Cluster $A -Task $($id.Substring(0, 6))").CompletionText) | Should -Contain $id
    }

    It 'completes only the tasks of the -DesiredStatus on the command line' {
        $found = @((Complete "Get-EcsTaskX $Common -Cluster $A -DesiredStatus STOPPED -Task ").CompletionText)
        $found | Should -Contain (Id $Stopped[0].taskArn)
        foreach ($t in $Batch) { $found | Should -Not -Contain (Id $t.taskArn) }
    }

    It 'completes -Family and -ServiceName of Get-EcsTaskX' {
        @((Complete "Get-EcsTaskX $Common -Family $($FamA.Substring(0, 6))").CompletionText) | Should -Contain $FamA
        @((Complete "Get-EcsTaskX $Common -Cluster $A -ServiceName $($Svc.Substring(0, 6))").CompletionText) | Should -Be @($Svc)
    }
}
