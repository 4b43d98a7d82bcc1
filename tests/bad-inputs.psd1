# Bad input that every EcsPS cmdlet must refuse before it sends a single request.
#
# tests/pester/BadInput.Tests.ps1 runs each case against a request recorder that answers nothing
# (Start-RequestRecorder in tests/pester/TestHelpers.psm1) and asserts the error: the
# FullyQualifiedErrorId up to its comma, the category, that the message says what is allowed,
# that nothing was written, and that the recorder saw no request. tests/pester/Module.Tests.ps1
# wants at least 3 cases here for every cmdlet the module exports, so a new cmdlet comes with its
# cases (docs/CONTRIBUTING.md, "Adding a cmdlet").
#
# A case:
#   Cmdlet     the cmdlet to run
#   Case       what is wrong with the input, in words
#   Arguments  the parameters, splatted (a data file holds literal values only)
#   Pipeline   optional: values piped in; a hashtable is piped as a [pscustomobject]
#   File       optional: text written to a fresh .json file
#   ErrorId    the FullyQualifiedErrorId up to the comma
#   Category   the ErrorCategory
#   Message    a substring (or several) of the message: what is allowed, or what to do
#   Target     optional: the TargetObject of the error
# In Arguments, Pipeline and Target, '__FILE__' stands for the path of the File, '__DIR__' for
# an empty directory, '__NOFILE__' for a path where nothing is, and '__<n>x<text>__' for <text>
# repeated n times. The runner adds -Region and -EndpointUrl (the recorder) to every cmdlet that
# calls AWS, and runs with $ConfirmPreference = 'None'.
@{
    Cases = @(
        # ---- New-EcsClusterX ------------------------------------------------------------------
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a cluster name with a space'; Arguments = @{ ClusterName = 'my cluster' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('1 to 255 letters', 'digits', 'hyphens', 'underscores') }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a cluster name of 256 characters'; Arguments = @{ ClusterName = '__256xa__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'an empty cluster name'; Arguments = @{ ClusterName = '' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a cluster name with a slash'; Arguments = @{ ClusterName = 'bad/name' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a piped cluster name with a dot'; Arguments = @{}; Pipeline = @('web.prod')
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'web.prod' is not a valid cluster name" }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a tag with the reserved aws: prefix'; Arguments = @{ ClusterName = 'tags'; Tag = @{ 'aws:owner' = 'me' } }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "reserved 'aws:' prefix" }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a tag key of 129 characters'; Arguments = @{ ClusterName = 'tags'; Tag = @{ '__129xk__' = 'v' } }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 128 characters' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a tag value of 257 characters'; Arguments = @{ ClusterName = 'tags'; Tag = @{ key = '__257xv__' } }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'the limit is 256' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = '51 tags'; Arguments = @{ ClusterName = 'tags'; Tag = @{
                    k1 = 'v'; k2 = 'v'; k3 = 'v'; k4 = 'v'; k5 = 'v'; k6 = 'v'; k7 = 'v'; k8 = 'v'; k9 = 'v'; k10 = 'v'; k11 = 'v'; k12 = 'v'; k13 = 'v'
                    k14 = 'v'; k15 = 'v'; k16 = 'v'; k17 = 'v'; k18 = 'v'; k19 = 'v'; k20 = 'v'; k21 = 'v'; k22 = 'v'; k23 = 'v'; k24 = 'v'; k25 = 'v'
                    k26 = 'v'; k27 = 'v'; k28 = 'v'; k29 = 'v'; k30 = 'v'; k31 = 'v'; k32 = 'v'; k33 = 'v'; k34 = 'v'; k35 = 'v'; k36 = 'v'; k37 = 'v'
                    k38 = 'v'; k39 = 'v'; k40 = 'v'; k41 = 'v'; k42 = 'v'; k43 = 'v'; k44 = 'v'; k45 = 'v'; k46 = 'v'; k47 = 'v'; k48 = 'v'; k49 = 'v'
                    k50 = 'v'; k51 = 'v' } }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'at most 50' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a tag key with a #'; Arguments = @{ ClusterName = 'tags'; Tag = @{ 'cost#center' = '1' } }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Use letters, digits, spaces and _ . : / = + - @' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = '-ContainerInsights on'; Arguments = @{ ClusterName = 'ci'; ContainerInsights = 'on' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'enabled,disabled,enhanced' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = "a default strategy 'FARGATE:x' (weight not a number)"; Arguments = @{ ClusterName = 'cp'; CapacityProvider = @('FARGATE', 'FARGATE_SPOT'); DefaultCapacityProviderStrategy = @('FARGATE:x') }
            ErrorId = 'InvalidCapacityProviderStrategy'; Category = 'InvalidArgument'; Message = 'is not a whole number' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = "a default strategy 'FARGATE:1:2:3' (four parts)"; Arguments = @{ ClusterName = 'cp'; CapacityProvider = @('FARGATE', 'FARGATE_SPOT'); DefaultCapacityProviderStrategy = @('FARGATE:1:2:3') }
            ErrorId = 'InvalidCapacityProviderStrategy'; Category = 'InvalidArgument'; Message = 'NAME:WEIGHT:BASE' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = "a default strategy ':1' (no name)"; Arguments = @{ ClusterName = 'cp'; CapacityProvider = @('FARGATE', 'FARGATE_SPOT'); DefaultCapacityProviderStrategy = @(':1') }
            ErrorId = 'InvalidCapacityProviderStrategy'; Category = 'InvalidArgument'; Message = "Use 'NAME', 'NAME:WEIGHT' or 'NAME:WEIGHT:BASE'" }
        @{ Cmdlet = 'New-EcsClusterX'; Case = "a default strategy 'FARGATE:1001' (weight over 1000)"; Arguments = @{ ClusterName = 'cp'; CapacityProvider = @('FARGATE', 'FARGATE_SPOT'); DefaultCapacityProviderStrategy = @('FARGATE:1001') }
            ErrorId = 'InvalidCapacityProviderStrategy'; Category = 'InvalidArgument'; Message = 'must be 0 to 1000' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = "a default strategy 'FARGATE:1:100001' (base over 100000)"; Arguments = @{ ClusterName = 'cp'; CapacityProvider = @('FARGATE', 'FARGATE_SPOT'); DefaultCapacityProviderStrategy = @('FARGATE:1:100001') }
            ErrorId = 'InvalidCapacityProviderStrategy'; Category = 'InvalidArgument'; Message = 'must be 0 to 100000' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a default strategy with two bases'; Arguments = @{ ClusterName = 'cp'; CapacityProvider = @('FARGATE', 'FARGATE_SPOT'); DefaultCapacityProviderStrategy = @('FARGATE:1:1', 'FARGATE_SPOT:1:1') }
            ErrorId = 'InvalidCapacityProviderStrategy'; Category = 'InvalidArgument'; Message = 'Only one capacity provider in a strategy can have a base' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a default strategy hashtable with an unknown key'; Arguments = @{ ClusterName = 'cp'; CapacityProvider = @('FARGATE', 'FARGATE_SPOT'); DefaultCapacityProviderStrategy = @(@{ Provider = 'FARGATE' }) }
            ErrorId = 'InvalidCapacityProviderStrategy'; Category = 'InvalidArgument'; Message = 'Use CapacityProvider, Weight and Base' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a default strategy naming a provider not in -CapacityProvider'; Arguments = @{ ClusterName = 'cp'; CapacityProvider = @('FARGATE'); DefaultCapacityProviderStrategy = @('FARGATE_SPOT:1') }
            ErrorId = 'InvalidCapacityProviders'; Category = 'InvalidArgument'; Message = "can only use the cluster's own capacity providers" }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'a capacity provider name with a space'; Arguments = @{ ClusterName = 'cp'; CapacityProvider = @('bad provider') }
            ErrorId = 'InvalidCapacityProviders'; Category = 'InvalidArgument'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'New-EcsClusterX'; Case = 'an empty -ServiceConnectNamespace'; Arguments = @{ ClusterName = 'sc'; ServiceConnectNamespace = '' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Provide an argument that is not null or empty' }

        # ---- Get-EcsClusterX ------------------------------------------------------------------
        @{ Cmdlet = 'Get-EcsClusterX'; Case = 'a cluster name with a space'; Arguments = @{ ClusterName = 'bad name' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('1 to 255 letters', '(or a full ARN)') }
        @{ Cmdlet = 'Get-EcsClusterX'; Case = 'a wildcard with a space'; Arguments = @{ ClusterName = 'bad name*' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Get-EcsClusterX'; Case = 'the ARN of a service'; Arguments = @{ ClusterName = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'A cluster ARN looks like arn:aws:ecs:us-east-1:123456789012:cluster/name' }
        @{ Cmdlet = 'Get-EcsClusterX'; Case = 'an ARN without an account'; Arguments = @{ ClusterName = 'arn:aws:ecs:us-east-1:cluster/prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'An ARN looks like arn:aws:ecs:us-east-1:123456789012:cluster/name' }
        @{ Cmdlet = 'Get-EcsClusterX'; Case = '-Include HEALTH'; Arguments = @{ Include = 'HEALTH' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'ATTACHMENTS,CONFIGURATIONS,SETTINGS,STATISTICS,TAGS' }
        @{ Cmdlet = 'Get-EcsClusterX'; Case = 'a piped cluster name with a slash'; Arguments = @{}; Pipeline = @('team/web')
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }

        # ---- Update-EcsClusterX ---------------------------------------------------------------
        @{ Cmdlet = 'Update-EcsClusterX'; Case = 'a cluster name with a slash'; Arguments = @{ Cluster = 'bad/name'; ContainerInsights = 'enabled' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Update-EcsClusterX'; Case = 'nothing to change'; Arguments = @{ Cluster = 'any-cluster' }
            ErrorId = 'NoClusterChange'; Category = 'InvalidArgument'; Message = @('-ContainerInsights', '-ExecuteCommandLogging', '-ServiceConnectNamespace') }
        @{ Cmdlet = 'Update-EcsClusterX'; Case = '-ExecuteCommandLogging OVERRIDE with nowhere to send the output'; Arguments = @{ Cluster = 'any-cluster'; ExecuteCommandLogging = 'OVERRIDE' }
            ErrorId = 'ExecuteCommandOverrideNeedsTarget'; Category = 'InvalidArgument'; Message = 'pass -ExecuteCommandLogGroupName' }
        @{ Cmdlet = 'Update-EcsClusterX'; Case = 'a log group without -ExecuteCommandLogging OVERRIDE'; Arguments = @{ Cluster = 'any-cluster'; ExecuteCommandLogging = 'DEFAULT'; ExecuteCommandLogGroupName = 'lg' }
            ErrorId = 'ExecuteCommandLogTargetNeedsOverride'; Category = 'InvalidArgument'; Message = 'only with -ExecuteCommandLogging OVERRIDE' }
        @{ Cmdlet = 'Update-EcsClusterX'; Case = '-ExecuteCommandLogEncryption without a log group'; Arguments = @{ Cluster = 'any-cluster'; ExecuteCommandLogging = 'OVERRIDE'; ExecuteCommandS3BucketName = 'b'; ExecuteCommandLogEncryption = $true }
            ErrorId = 'ExecuteCommandEncryptionNeedsTarget'; Category = 'InvalidArgument'; Message = 'goes with -ExecuteCommandLogGroupName' }
        @{ Cmdlet = 'Update-EcsClusterX'; Case = '-ExecuteCommandS3KeyPrefix without a bucket'; Arguments = @{ Cluster = 'any-cluster'; ExecuteCommandLogging = 'OVERRIDE'; ExecuteCommandLogGroupName = 'lg'; ExecuteCommandS3KeyPrefix = 'exec/' }
            ErrorId = 'ExecuteCommandS3NeedsBucket'; Category = 'InvalidArgument'; Message = 'go with -ExecuteCommandS3BucketName' }
        @{ Cmdlet = 'Update-EcsClusterX'; Case = '-ContainerInsights yes'; Arguments = @{ Cluster = 'any-cluster'; ContainerInsights = 'yes' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'enabled,disabled,enhanced' }
        @{ Cmdlet = 'Update-EcsClusterX'; Case = '-ExecuteCommandLogging ALL'; Arguments = @{ Cluster = 'any-cluster'; ExecuteCommandLogging = 'ALL' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'NONE,DEFAULT,OVERRIDE' }

        # ---- Remove-EcsClusterX ---------------------------------------------------------------
        @{ Cmdlet = 'Remove-EcsClusterX'; Case = 'a cluster name with a space'; Arguments = @{ Cluster = 'my cluster'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Remove-EcsClusterX'; Case = 'the ARN of a task definition'; Arguments = @{ Cluster = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'not of a cluster. A cluster ARN looks like' }
        @{ Cmdlet = 'Remove-EcsClusterX'; Case = 'a wildcard (Remove takes exact names)'; Arguments = @{ Cluster = 'test-*'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Remove-EcsClusterX'; Case = 'a piped cluster name with a space'; Arguments = @{ Force = $true }; Pipeline = @('old cluster')
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'old cluster' is not a valid cluster name" }

        # ---- Set-EcsClusterCapacityProviderX --------------------------------------------------
        @{ Cmdlet = 'Set-EcsClusterCapacityProviderX'; Case = 'a cluster name of 256 characters'; Arguments = @{ Cluster = '__256xx__'; CapacityProvider = @('FARGATE') }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Set-EcsClusterCapacityProviderX'; Case = 'a default strategy naming a provider not in -CapacityProvider'; Arguments = @{ Cluster = 'any-cluster'; CapacityProvider = @('FARGATE'); DefaultCapacityProviderStrategy = @('FARGATE_SPOT:1') }
            ErrorId = 'InvalidCapacityProviders'; Category = 'InvalidArgument'; Message = "can only use the cluster's own capacity providers" }
        @{ Cmdlet = 'Set-EcsClusterCapacityProviderX'; Case = 'a capacity provider name with a space'; Arguments = @{ Cluster = 'any-cluster'; CapacityProvider = @('bad provider') }
            ErrorId = 'InvalidCapacityProviders'; Category = 'InvalidArgument'; Message = @('1 to 255 letters', 'underscores') }
        @{ Cmdlet = 'Set-EcsClusterCapacityProviderX'; Case = "a default strategy 'FARGATE:x'"; Arguments = @{ Cluster = 'any-cluster'; CapacityProvider = @('FARGATE', 'FARGATE_SPOT'); DefaultCapacityProviderStrategy = @('FARGATE:x') }
            ErrorId = 'InvalidCapacityProviderStrategy'; Category = 'InvalidArgument'; Message = 'is not a whole number' }
        @{ Cmdlet = 'Set-EcsClusterCapacityProviderX'; Case = 'a default strategy with two bases'; Arguments = @{ Cluster = 'any-cluster'; CapacityProvider = @('FARGATE', 'FARGATE_SPOT'); DefaultCapacityProviderStrategy = @('FARGATE:1:1', 'FARGATE_SPOT:1:1') }
            ErrorId = 'InvalidCapacityProviderStrategy'; Category = 'InvalidArgument'; Message = 'Only one capacity provider in a strategy can have a base' }
        @{ Cmdlet = 'Set-EcsClusterCapacityProviderX'; Case = 'a default strategy weight of 1.5'; Arguments = @{ Cluster = 'any-cluster'; CapacityProvider = @('FARGATE'); DefaultCapacityProviderStrategy = @(@{ CapacityProvider = 'FARGATE'; Weight = 1.5 }) }
            ErrorId = 'InvalidCapacityProviderStrategy'; Category = 'InvalidArgument'; Message = 'is not a whole number' }
        @{ Cmdlet = 'Set-EcsClusterCapacityProviderX'; Case = 'a default strategy of 21 entries'; Arguments = @{ Cluster = 'any-cluster'; CapacityProvider = @('FARGATE')
                DefaultCapacityProviderStrategy = @('FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE',
                    'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE', 'FARGATE') }
            ErrorId = 'InvalidCapacityProviderStrategy'; Category = 'InvalidArgument'; Message = 'at most 20 entries' }

        # ---- Register-EcsTaskDefinitionX: files that are not JSON -----------------------------
        # (Syntax errors whose position is checked stay in TaskDefinition.Tests.ps1.)
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'an empty file'; Arguments = @{ Path = '__FILE__' }; File = ''; Target = '__FILE__'
            ErrorId = 'InvalidTaskDefinitionJson'; Category = 'InvalidData'; Message = @('not valid JSON', 'line 1') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a JSON list instead of an object'; Arguments = @{ Path = '__FILE__' }; File = '[ { "family": "bad-input" } ]'; Target = '__FILE__'
            ErrorId = 'InvalidTaskDefinitionJson'; Category = 'InvalidData'; Message = 'expected a JSON object with family and containerDefinitions' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a member given twice'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256, "memory": 512 } ] }'
            ErrorId = 'InvalidTaskDefinitionJson'; Category = 'InvalidData'; Message = @("the member 'memory' is given twice in the same object (containerDefinitions[0].memory)", 'at line 1, position 87 and at line 1, position 102', 'keep one of them') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'family given twice'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "family": "other", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256 } ] }'
            ErrorId = 'InvalidTaskDefinitionJson'; Category = 'InvalidData'; Message = "the member 'family' is given twice" }

        # ---- Register-EcsTaskDefinitionX: members that do not exist ---------------------------
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'an unknown top-level member'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx:1.27" } ], "placementConstraint": [] }'
            ErrorId = 'UnknownTaskDefinitionMember'; Category = 'InvalidData'; Message = @("placementConstraint: 'placementConstraint' is not a member", "Did you mean 'placementConstraints'?") }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'an unknown member in a container'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "portMapings": [ { "containerPort": 8080 } ] } ] }'
            ErrorId = 'UnknownTaskDefinitionMember'; Category = 'InvalidData'; Message = @("containerDefinitions[0].portMapings: 'portMapings' is not a member of ContainerDefinition", "Did you mean 'portMappings'?") }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'an unknown member deep inside a container'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "healthCheck": { "command": ["CMD", "true"], "intervall": 30 } } ] }'
            ErrorId = 'UnknownTaskDefinitionMember'; Category = 'InvalidData'; Message = @('containerDefinitions[0].healthCheck.intervall', "Did you mean 'interval'?") }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'describe-task-definition output with an extra top-level member'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "taskDefinition": { "family": "bad-input", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256 } ] }, "tags": [], "nextToken": "abc" }'
            ErrorId = 'UnknownTaskDefinitionMember'; Category = 'InvalidData'; Message = @("'nextToken'", 'not expected beside taskDefinition and tags') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-InputObject hashtable with an unknown member'; Arguments = @{ InputObject = @{ family = 'bad-input'; containerDefinitions = @(@{ name = 'web'; image = 'nginx'; memory = 512 }); revison = 3 } }
            ErrorId = 'UnknownTaskDefinitionMember'; Category = 'InvalidData'; Message = "revison: 'revison' is not a member" }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-ContainerDefinition hashtable with a misspelt key'; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ Name = 'web'; Imgae = 'nginx'; Memory = 512 }) }
            ErrorId = 'UnknownTaskDefinitionMember'; Category = 'InvalidArgument'; Message = @("'Imgae' is not a member of ContainerDefinition", "Did you mean 'image'?") }

        # ---- Register-EcsTaskDefinitionX: wrong types and values ------------------------------
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'container memory as words'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": "lots" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('containerDefinitions[0].memory', 'expected a whole number', '"lots"') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'essential as "maybe"'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "essential": "maybe" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('containerDefinitions[0].essential', 'expected true or false') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'portMappings as a list of numbers'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "portMappings": [ 8080 ] } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('containerDefinitions[0].portMappings[0]', 'expected an object') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'task cpu as words'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "lots", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @("cpu: 'lots' is not a CPU size", 'CPU units such as "256" or "1024"') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'networkMode "awsvpcc"'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpcc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @("networkMode: 'awsvpcc' is not allowed", 'bridge, host, awsvpc, none') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'requiresCompatibilities ["LAMBDA"]'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["LAMBDA"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @("requiresCompatibilities[0]: 'LAMBDA' is not allowed", 'EC2, FARGATE') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'logDriver "cloudwatch"'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "logConfiguration": { "logDriver": "cloudwatch" } } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @("logConfiguration.logDriver: 'cloudwatch' is not allowed", 'awslogs') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'no family'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 512 } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'family: this member is required' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'no containerDefinitions'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "cpu": "256", "memory": "512" }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'containerDefinitions: this member is required' }

        # ---- Register-EcsTaskDefinitionX: names and containers --------------------------------
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a family name with a space and a dot'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input v1.2", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256 } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @("family: 'bad-input v1.2' is not a valid task definition family name", 'letters', 'hyphens', 'underscores') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a container name with a dot'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web.1", "image": "nginx" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('containerDefinitions[0].name', "'web.1' is not a valid container name") }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'two containers with one name'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx" }, { "name": "web", "image": "envoy" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('containerDefinitions[1].name', "'web' is used twice") }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'no container'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'needs at least one container' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'no essential container'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "essential": false }, { "name": "log", "image": "fluent-bit", "essential": false } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'at least one container must be essential' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a container without an image'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "essential": true } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('containerDefinitions[0] (web).image', 'needs an image') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'an image reference with a space'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "nginx :1.27", "memory": 256 } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @("containerDefinitions[0] (web).image: 'nginx :1.27' has white space in it", '[registry/]repository[:tag][@sha256:digest]') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'an image with an upper-case repository path'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "registry.example.com/Shop/Web:2", "memory": 256 } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'repository paths are lower case' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'an image digest that is not sha256 and 64 hex digits'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "nginx@sha256:abc123", "memory": 256 } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'ECS takes only sha256: followed by 64 hex digits' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a template placeholder left in the image'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "<IMAGE>", "memory": 256 } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = "'<IMAGE>' has '<IMAGE>' in its repository path" }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'memoryReservation above memory'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 512, "memoryReservation": 1024 } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('memoryReservation', '1024 MiB', "container's memory limit of 512", 'must be at most the memory') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-ContainerDefinition hashtable with memoryReservation above memory'; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'nginx'; memory = 256; memoryReservation = 512 }) }
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidArgument'; Message = 'the reservation (soft limit) must be at most the memory (hard limit)' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'container memory above the task memory'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "memory": "2048", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 4096 } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('containerDefinitions[0] (web).memory', '4096 MiB', "task's 2048 MiB") }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'an EC2 container with no memory anywhere'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "nginx" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('containerDefinitions[0] (web)', 'memory or memoryReservation') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a mount point on an undefined volume'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "mountPoints": [ { "sourceVolume": "data", "containerPath": "/data" } ] } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = "the volume 'data' is not defined in volumes" }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'dependsOn a container that does not exist'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "dependsOn": [ { "containerName": "db", "condition": "HEALTHY" } ] } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = "'db' is not a container of this task definition" }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'awsvpc with a hostPort unlike the containerPort'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "portMappings": [ { "containerPort": 8080, "hostPort": 80 } ] } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'host port must equal the container port (8080)' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'awslogs without a log group'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256, "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-stream-prefix": "web" } } } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'the awslogs driver needs the option awslogs-group' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a health check every second'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "healthCheck": { "command": ["CMD-SHELL", "true"], "interval": 1 } } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'healthCheck.interval: 1 s is outside 5 to 300' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a tag with the reserved aws: prefix in the file'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256 } ], "tags": [ { "key": "aws:owner", "value": "me" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = "uses the reserved 'aws:' prefix" }

        # ---- Register-EcsTaskDefinitionX: Fargate ---------------------------------------------
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'Fargate with bridge networking'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'Fargate tasks need networkMode awsvpc, not bridge' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'Fargate without task cpu and memory'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256 } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'Fargate tasks need both a task cpu and a task memory size' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'Fargate 256 CPU units with 4096 MiB'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "4096", "containerDefinitions": [ { "name": "web", "image": "nginx" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('Fargate does not offer 4096 MiB with 256 CPU units', '512, 1024 or 2048') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'Fargate 1024 CPU units with 1024 MiB'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "1024", "memory": "1024", "containerDefinitions": [ { "name": "web", "image": "nginx" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('Fargate does not offer 1024 MiB with 1024 CPU units', '2048 to 8192') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'Fargate 333 CPU units'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "333", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('Fargate does not offer 333 CPU units', '256, 512, 1024') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a Windows Fargate task at 256/512'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "runtimePlatform": { "operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64" }, "containerDefinitions": [ { "name": "web", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'Windows containers on Fargate need at least 1 vCPU: use 1024, 2048 or 4096 CPU units, not 256' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a Windows Fargate task at 8 vCPU'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "8192", "memory": "16384", "runtimePlatform": { "operatingSystemFamily": "WINDOWS_SERVER_2019_FULL" }, "containerDefinitions": [ { "name": "web", "image": "mcr.microsoft.com/windows/servercore/iis" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'use 1024, 2048 or 4096 CPU units, not 8192' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-RuntimePlatform Windows with -Cpu 512 on Fargate'
            Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'mcr.microsoft.com/windows/nanoserver:ltsc2022' }); RequiresCompatibility = 'FARGATE'; NetworkMode = 'awsvpc'; Cpu = '512'; Memory = '1024'; RuntimePlatform = 'WINDOWS_SERVER_2022_CORE' }
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidArgument'; Message = 'Windows containers on Fargate need at least 1 vCPU' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'Fargate with awslogs but no execution role'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web" } } } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('needs a task execution role to send the awslogs output of web to CloudWatch Logs', 'Add executionRoleArn (Register-EcsTaskDefinitionX -ExecutionRoleArn)') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'Fargate with secrets but no execution role'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx", "secrets": [ { "name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db" } ] } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = @('inject the secrets of web', 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'Fargate with a private ECR image but no execution role'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2" } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'pull the image of web from Amazon ECR' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'Fargate containers with awslogs from -ContainerDefinition but no -ExecutionRoleArn'
            Arguments = @{ Family = 'bad-input'; RequiresCompatibility = 'FARGATE'; NetworkMode = 'awsvpc'; Cpu = '256'; Memory = '512'
                ContainerDefinition = @(@{ name = 'web'; image = 'nginx'; logConfiguration = @{ logDriver = 'awslogs'; options = @{ 'awslogs-group' = '/ecs/web'; 'awslogs-region' = 'us-east-1' } } }) }
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidArgument'; Message = 'Add executionRoleArn (Register-EcsTaskDefinitionX -ExecutionRoleArn)' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'EC2 secrets without an execution role'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "bridge", "containerDefinitions": [ { "name": "api", "image": "api:1", "memory": 256, "secrets": [ { "name": "TOKEN", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:token-AbCdEf" } ] } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'this task needs a task execution role to inject the secrets of api' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'an executionRoleArn that is a role name in the file'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "executionRoleArn": "ecsTaskExecutionRole", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256 } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = "executionRoleArn: 'ecsTaskExecutionRole' is a role name, but ECS takes the task execution role only as an ARN: arn:aws:iam::<account>:role/ecsTaskExecutionRole" }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a taskRoleArn that is a user ARN in the file'; Arguments = @{ Path = '__FILE__' }; Target = '__FILE__'
            File = '{ "family": "bad-input", "taskRoleArn": "arn:aws:iam::123456789012:user/jane", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256 } ] }'
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidData'; Message = 'is not an IAM role ARN or role name. Give the ARN, such as arn:aws:iam::123456789012:role/' }

        # ---- Register-EcsTaskDefinitionX: parameters ------------------------------------------
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = "-ExecutionRoleArn 'not-an-arn'"; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'nginx'; memory = 256 }); ExecutionRoleArn = 'not-an-arn' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'ECS takes the task execution role only as an ARN: arn:aws:iam::<account>:role/not-an-arn' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-ExecutionRoleArn of an IAM user'; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'nginx'; memory = 256 }); ExecutionRoleArn = 'arn:aws:iam::123456789012:user/deploy' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not an IAM role ARN. Give the task execution role as an ARN, such as arn:aws:iam::123456789012:role/ecsTaskExecutionRole' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-ExecutionRoleArn with a region'; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'nginx'; memory = 256 }); ExecutionRoleArn = 'arn:aws:iam:us-east-1:123456789012:role/exec' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'arn:<partition>:iam::<12-digit account>:role/[<path>/]<role name>' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = "-TaskRoleArn 'my role'"; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'nginx'; memory = 256 }); TaskRoleArn = 'my role' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'or the role name alone (1 to 64 letters, digits and + = , . @ _ -)' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-Image for a container the file does not have'; Arguments = @{ Path = '__FILE__'; Image = @{ wbe = 'nginx:2' } }; Target = '__FILE__'
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx:1.27" } ] }'
            ErrorId = 'UnknownContainer'; Category = 'InvalidData'; Message = @("-Image names 'wbe'", 'the containers are: web') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-Image with an empty image'; Arguments = @{ Path = '__FILE__'; Image = @{ web = ' ' } }
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx:1.27" } ] }'
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @("-Image: the image for 'web'", 'The image is empty') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-Image with a space in the image'; Arguments = @{ Path = '__FILE__'; Image = @{ web = 'nginx :2' } }
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx:1.27" } ] }'
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @("'nginx :2' has white space in it", '[registry/]repository[:tag]') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-Image keyed by a container name with a dot'; Arguments = @{ Path = '__FILE__'; Image = @{ 'web.1' = 'nginx:2' } }
            File = '{ "family": "bad-input", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx:1.27" } ] }'
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'web.1' is not a valid container name" }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-Cpu lots'; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'nginx' }); Cpu = 'lots'; Memory = '512' }
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidArgument'; Message = "cpu: 'lots' is not a CPU size" }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-RequiresCompatibility FARGATE with -NetworkMode bridge'; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'nginx' }); RequiresCompatibility = 'FARGATE'; NetworkMode = 'bridge'; Cpu = '256'; Memory = '512' }
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidArgument'; Message = 'Fargate tasks need networkMode awsvpc, not bridge' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-Cpu "0.25 vCPU" with -Memory "3 GB" on Fargate'; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'nginx' }); RequiresCompatibility = 'FARGATE'; NetworkMode = 'awsvpc'; Cpu = '0.25 vCPU'; Memory = '3 GB' }
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidArgument'; Message = 'Fargate does not offer 3072 MiB with 256 CPU units' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-ContainerDefinition hashtable with memory as words'; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ Name = 'web'; Image = 'nginx'; Memory = 'lots' }) }
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidArgument'; Message = @('containerDefinitions[0].memory', 'expected a whole number') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-ContainerDefinition hashtable with an image that has a space'; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'my registry/web'; memory = 256 }) }
            ErrorId = 'InvalidTaskDefinition'; Category = 'InvalidArgument'; Message = "'my registry/web' has white space in it" }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-Path to a file that does not exist'; Arguments = @{ Path = '__NOFILE__' }; Target = '__NOFILE__'
            ErrorId = 'TaskDefinitionFileNotFound'; Category = 'ObjectNotFound'; Message = 'does not exist' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-Path at a directory'; Arguments = @{ Path = '__DIR__' }; Target = '__DIR__'
            ErrorId = 'TaskDefinitionPathIsDirectory'; Category = 'InvalidArgument'; Message = @('is a directory; give a JSON file', "-Filter *.json | Register-EcsTaskDefinitionX") }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = 'a directory piped in as a path'; Arguments = @{}; Pipeline = @('__DIR__'); Target = '__DIR__'
            ErrorId = 'TaskDefinitionPathIsDirectory'; Category = 'InvalidArgument'; Message = 'is a directory; give a JSON file' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-Family with a space'; Arguments = @{ Family = 'bad input'; ContainerDefinition = @(@{ name = 'web'; image = 'nginx'; memory = 512 }) }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('is not a valid task definition family name', 'letters') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-Tag with the reserved aws: prefix'; Arguments = @{ Path = '__FILE__'; Tag = @{ 'aws:owner' = 'me' } }
            File = '{ "family": "bad-input", "networkMode": "bridge", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256 } ] }'
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "reserved 'aws:' prefix" }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-NetworkMode awsvpcc'; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'nginx'; memory = 512 }); NetworkMode = 'awsvpcc' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('awsvpcc', 'awsvpc,bridge,host,none') }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-EphemeralStorageGiB 10'; Arguments = @{ Family = 'bad-input'; ContainerDefinition = @(@{ name = 'web'; image = 'nginx'; memory = 512 }); EphemeralStorageGiB = 10 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum allowed range of 21' }

        # ---- Get-EcsTaskDefinitionX -----------------------------------------------------------
        @{ Cmdlet = 'Get-EcsTaskDefinitionX'; Case = 'revision 0'; Arguments = @{ TaskDefinition = 'web:0' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'family:revision such as web:3, or an ARN' }
        @{ Cmdlet = 'Get-EcsTaskDefinitionX'; Case = 'the ARN of a cluster'; Arguments = @{ TaskDefinition = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'One looks like arn:aws:ecs:us-east-1:123456789012:task-definition/web:3' }
        @{ Cmdlet = 'Get-EcsTaskDefinitionX'; Case = '-Family with a space'; Arguments = @{ Family = 'web app' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'web app' is not a valid task definition family name" }
        @{ Cmdlet = 'Get-EcsTaskDefinitionX'; Case = '-Family with a revision'; Arguments = @{ Family = 'web:3' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Get-EcsTaskDefinitionX'; Case = '-Status DELETED'; Arguments = @{ Family = 'web'; Status = 'DELETED' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'ACTIVE,INACTIVE,DELETE_IN_PROGRESS' }
        @{ Cmdlet = 'Get-EcsTaskDefinitionX'; Case = '-Include ALL'; Arguments = @{ TaskDefinition = 'web'; Include = 'ALL' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'belong to the set "TAGS"' }
        @{ Cmdlet = 'Get-EcsTaskDefinitionX'; Case = 'a piped name with a space'; Arguments = @{}; Pipeline = @('web app:2')
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Use a family' }

        # ---- Export-EcsTaskDefinitionX --------------------------------------------------------
        @{ Cmdlet = 'Export-EcsTaskDefinitionX'; Case = 'a task definition with a space'; Arguments = @{ TaskDefinition = 'web app'; Path = '__DIR__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'family:revision such as web:3, or an ARN' }
        @{ Cmdlet = 'Export-EcsTaskDefinitionX'; Case = 'the ARN of a service'; Arguments = @{ TaskDefinition = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web'; Path = '__DIR__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a task definition ARN' }
        @{ Cmdlet = 'Export-EcsTaskDefinitionX'; Case = 'revision -1'; Arguments = @{ TaskDefinition = 'web:-1'; Path = '__DIR__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'family:revision such as web:3' }
        @{ Cmdlet = 'Export-EcsTaskDefinitionX'; Case = 'an empty -Path'; Arguments = @{ TaskDefinition = 'web:1'; Path = '' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Provide an argument that is not null or empty' }

        # ---- Unregister-EcsTaskDefinitionX ----------------------------------------------------
        @{ Cmdlet = 'Unregister-EcsTaskDefinitionX'; Case = 'a bare family'; Arguments = @{ TaskDefinition = 'web'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('names a whole family, not one revision', 'family:revision (such as web:3)', 'Get-EcsTaskDefinitionX -Family web -AllRevisions') }
        @{ Cmdlet = 'Unregister-EcsTaskDefinitionX'; Case = 'an ARN without a revision'; Arguments = @{ TaskDefinition = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'One looks like arn:aws:ecs:us-east-1:123456789012:task-definition/web:3' }
        @{ Cmdlet = 'Unregister-EcsTaskDefinitionX'; Case = 'revision 0'; Arguments = @{ TaskDefinition = 'web:0'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'family:revision such as web:3' }
        @{ Cmdlet = 'Unregister-EcsTaskDefinitionX'; Case = 'a piped bare family'; Arguments = @{ Force = $true }; Pipeline = @('api')
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Give family:revision (such as api:3) or the ARN' }

        # ---- Remove-EcsTaskDefinitionX --------------------------------------------------------
        @{ Cmdlet = 'Remove-EcsTaskDefinitionX'; Case = 'a bare family'; Arguments = @{ TaskDefinition = 'web'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'names a whole family, not one revision' }
        @{ Cmdlet = 'Remove-EcsTaskDefinitionX'; Case = 'a revision that is not a number'; Arguments = @{ TaskDefinition = 'web:latest'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'family:revision such as web:3' }
        @{ Cmdlet = 'Remove-EcsTaskDefinitionX'; Case = 'the ARN of a cluster'; Arguments = @{ TaskDefinition = 'arn:aws:ecs:us-east-1:123456789012:cluster/web'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a task definition ARN' }
        @{ Cmdlet = 'Remove-EcsTaskDefinitionX'; Case = 'a piped ACTIVE revision'; Arguments = @{ Force = $true }
            Pipeline = @(@{ TaskDefinitionArn = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3'; Status = 'ACTIVE' })
            ErrorId = 'TaskDefinitionStillActive'; Category = 'InvalidOperation'; Message = @('only INACTIVE revisions can be deleted', 'Unregister-EcsTaskDefinitionX') }

        # ---- New-EcsContainerDefinitionX ------------------------------------------------------
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'a ulimit without a value'; Arguments = @{ Name = 'app'; Image = 'nginx'; Ulimit = 'nofile' }
            ErrorId = 'InvalidUlimit'; Category = 'InvalidArgument'; Message = 'nofile=1024:4096' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'an unknown ulimit'; Arguments = @{ Name = 'app'; Image = 'nginx'; Ulimit = 'files=1:2' }
            ErrorId = 'InvalidContainerDefinition'; Category = 'InvalidArgument'; Message = @("'files' is not allowed", 'nofile') }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'a soft ulimit above the hard one'; Arguments = @{ Name = 'app'; Image = 'nginx'; Ulimit = 'nofile=4096:1024' }
            ErrorId = 'InvalidContainerDefinition'; Category = 'InvalidArgument'; Message = 'the soft limit of nofile (4096) is above its hard limit (1024)' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'a mount point without a path'; Arguments = @{ Name = 'app'; Image = 'nginx'; MountPoint = 'data' }
            ErrorId = 'InvalidMountPoint'; Category = 'InvalidArgument'; Message = 'volume:/container/path' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'a mount point with :rx'; Arguments = @{ Name = 'app'; Image = 'nginx'; MountPoint = 'data:/d:rx' }
            ErrorId = 'InvalidMountPoint'; Category = 'InvalidArgument'; Message = ':ro or :rw' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'a dependsOn condition that does not exist'; Arguments = @{ Name = 'app'; Image = 'nginx'; DependsOn = @{ db = 'READY' } }
            ErrorId = 'InvalidContainerDefinition'; Category = 'InvalidArgument'; Message = @("'READY' is not allowed", 'HEALTHY') }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = '-LogStreamPrefix without -LogGroup'; Arguments = @{ Name = 'app'; Image = 'nginx'; LogStreamPrefix = 'x' }
            ErrorId = 'LogGroupMissing'; Category = 'InvalidArgument'; Message = 'go with -LogGroup' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = '-LogGroup with -LogConfiguration'; Arguments = @{ Name = 'app'; Image = 'nginx'; LogGroup = '/x'; LogConfiguration = @{ LogDriver = 'json-file' } }
            ErrorId = 'LogConfigurationConflict'; Category = 'InvalidArgument'; Message = 'not both' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = '-HealthCheckInterval without a command'; Arguments = @{ Name = 'app'; Image = 'nginx'; HealthCheckInterval = 10 }
            ErrorId = 'HealthCheckNeedsCommand'; Category = 'InvalidArgument'; Message = 'need -HealthCheckCommand' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'a container name with a dot'; Arguments = @{ Name = 'web.1'; Image = 'nginx' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('not a valid container name', '1 to 255 letters') }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = '-MemoryReservation above -Memory'; Arguments = @{ Name = 'app'; Image = 'nginx'; Memory = 256; MemoryReservation = 512 }
            ErrorId = 'InvalidContainerDefinition'; Category = 'InvalidArgument'; Message = "memoryReservation: 512 MiB is more than the container's memory limit of 256 MiB; the reservation (soft limit) must be at most the memory (hard limit)" }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'an image reference with a space'; Arguments = @{ Name = 'app'; Image = 'nginx :1.27' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @("'nginx :1.27' has white space in it", 'Write [registry/]repository[:tag][@sha256:digest], such as nginx:1.27') }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'an image with an upper-case repository'; Arguments = @{ Name = 'app'; Image = 'MyCompany/App:1' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "upper-case letters in the repository path ('App'); repository paths are lower case" }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'an image with an empty tag'; Arguments = @{ Name = 'app'; Image = 'nginx:' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'a tag of up to 128 letters, digits' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'an image with a double slash'; Arguments = @{ Name = 'app'; Image = 'registry.example.com//web' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'an empty repository path component' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'a variable in both -Environment and -Secret'
            Arguments = @{ Name = 'app'; Image = 'nginx'; Environment = @{ TOKEN = 'x' }; Secret = @{ TOKEN = 'arn:aws:ssm:us-east-1:123456789012:parameter/token' } }
            ErrorId = 'InvalidContainerDefinition'; Category = 'InvalidArgument'; Message = 'environment and secrets share one namespace' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = '-Port 0'; Arguments = @{ Name = 'app'; Image = 'nginx'; Port = 0 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum allowed range of 1' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = '-Memory 4'; Arguments = @{ Name = 'app'; Image = 'nginx'; Memory = 4 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum allowed range of 6' }
        @{ Cmdlet = 'New-EcsContainerDefinitionX'; Case = 'a port mapping with a host port of 70000'; Arguments = @{ Name = 'app'; Image = 'nginx'; PortMapping = @(@{ ContainerPort = 80; HostPort = 70000 }) }
            ErrorId = 'InvalidContainerDefinition'; Category = 'InvalidArgument'; Message = 'host port 70000 is outside 0 to 65535' }

        # ---- New-EcsServiceX ------------------------------------------------------------------
        @{ Cmdlet = 'New-EcsServiceX'; Case = '-LaunchType with -CapacityProviderStrategy'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'FARGATE'; CapacityProviderStrategy = 'FARGATE:1'; Subnet = 'subnet-0123456789abcdef0' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'Give -LaunchType or -CapacityProviderStrategy, not both' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'FARGATE without -Subnet'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'FARGATE'; SecurityGroup = 'sg-0123456789abcdef0' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'pass -Subnet' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a VPC id as a subnet'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'FARGATE'; Subnet = 'vpc-0123456789abcdef0' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'vpc-0123456789abcdef0' is not a subnet id. A subnet id is subnet- followed by 8 to 17 lower-case hex digits" }
        @{ Cmdlet = 'New-EcsServiceX'; Case = "-Subnet 'subnet-'"; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'FARGATE'; Subnet = 'subnet-' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'such as subnet-0123456789abcdef0' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a subnet id in upper case'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'FARGATE'; Subnet = 'subnet-0123456789ABCDEF0' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'lower-case hex digits' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = "-SecurityGroup 'sg- 123'"; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'FARGATE'; Subnet = 'subnet-0123456789abcdef0'; SecurityGroup = 'sg- 123' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'sg- 123' is not a security group id. A security group id is sg- followed by 8 to 17 lower-case hex digits" }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a security group name instead of its id'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'FARGATE'; Subnet = 'subnet-0123456789abcdef0'; SecurityGroup = 'default' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'such as sg-0123456789abcdef0' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = '-SecurityGroup without -Subnet'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; SecurityGroup = 'sg-0123456789abcdef0' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'awsvpc networking needs at least one subnet' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = '17 subnets'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'FARGATE'
                Subnet = @('subnet-00000001', 'subnet-00000002', 'subnet-00000003', 'subnet-00000004', 'subnet-00000005', 'subnet-00000006', 'subnet-00000007', 'subnet-00000008',
                    'subnet-00000009', 'subnet-0000000a', 'subnet-0000000b', 'subnet-0000000c', 'subnet-0000000d', 'subnet-0000000e', 'subnet-0000000f', 'subnet-00000010', 'subnet-00000011') }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'at most 16 subnets' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = '6 security groups'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'FARGATE'; Subnet = 'subnet-00000001'
                SecurityGroup = @('sg-00000001', 'sg-00000002', 'sg-00000003', 'sg-00000004', 'sg-00000005', 'sg-00000006') }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'at most 5 security groups' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = "-Alarm ''"; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; Alarm = '' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('An empty string is not an alarm name', '1 to 255 characters', 'pass -Alarm @() to remove the deployment alarms') }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'an alarm name of 256 characters'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; Alarm = '__256xa__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is 256 characters long. A CloudWatch alarm name is 1 to 255 characters' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = "-PlatformVersion '1.4'"; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'FARGATE'; Subnet = 'subnet-0123456789abcdef0'; PlatformVersion = '1.4' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Use LATEST or a version number such as 1.4.0' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'DAEMON with -DesiredCount'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; SchedulingStrategy = 'DAEMON'; DesiredCount = 2 }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = '-DesiredCount does not apply to DAEMON services' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'DAEMON on FARGATE'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'FARGATE'; SchedulingStrategy = 'DAEMON'; Subnet = 'subnet-0123456789abcdef0' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'support REPLICA only' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'DAEMON with a placement strategy'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; SchedulingStrategy = 'DAEMON'; PlacementStrategy = 'binpack:memory' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = '-PlacementStrategy does not apply to DAEMON services' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a load balancer string without a port'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; LoadBalancer = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef:web' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'Write targetGroupArn:containerName:containerPort' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a load balancer port that is not a number'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; LoadBalancer = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef:web:http' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'is not a load balancer' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a load balancer whose target group is not an ARN'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; LoadBalancer = 'web-tg:web:80' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'not a target group ARN' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a load balancer hashtable without a container'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; LoadBalancer = @{ TargetGroupArn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef' } }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'needs the ContainerName and ContainerPort' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'six placement strategies'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; PlacementStrategy = @('random', 'binpack:memory', 'binpack:cpu', 'spread:instanceId', 'spread:attribute:ecs.availability-zone', 'random') }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'at most 5 strategies' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'an unknown placement strategy'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; PlacementStrategy = 'pack:memory' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = "Write 'random', 'spread:<field>'" }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'an unknown placement constraint'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; PlacementConstraint = 'sameInstance' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = "Write 'distinctInstance' or 'memberOf:<cluster query expression>'" }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'my service'; TaskDefinition = 'web:1'; LaunchType = 'EC2' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a service name with a slash'; Arguments = @{ ServiceName = 'web/api'; TaskDefinition = 'web:1'; LaunchType = 'EC2' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a service name with a dot'; Arguments = @{ ServiceName = 'web.api'; TaskDefinition = 'web:1'; LaunchType = 'EC2' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a service name of 256 characters'; Arguments = @{ ServiceName = '__256xs__'; TaskDefinition = 'web:1'; LaunchType = 'EC2' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a service ARN as the new name'; Arguments = @{ ServiceName = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web'; TaskDefinition = 'web:1'; LaunchType = 'EC2' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a -ClientToken of 37 characters'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; ClientToken = '__37xt__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'fewer than or equal to "36" characters' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a -ClientToken that is not ASCII'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; ClientToken = 'jeton-numéro-1' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '^[\x20-\x7E]+$' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'no -TaskDefinition and no pipeline'; Arguments = @{ ServiceName = 'web'; LaunchType = 'EC2' }
            ErrorId = 'TaskDefinitionMissing'; Category = 'InvalidArgument'; Message = 'give a family, family:revision or ARN, or pipe a task definition in' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = 'a task definition with revision 0'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:0'; LaunchType = 'EC2' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'family:revision such as web:3, or an ARN' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = '-DesiredCount -1'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; DesiredCount = -1 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum allowed range of 0' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = '-MaximumPercent 250'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; MaximumPercent = 250 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'maximum allowed range of 200' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = '-CircuitBreaker On'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; CircuitBreaker = 'On' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Rollback,NoRollback,Disabled' }
        @{ Cmdlet = 'New-EcsServiceX'; Case = '-Timeout soon'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:1'; LaunchType = 'EC2'; Wait = $true; Timeout = 'soon' }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = "'soon' is not a duration. Give seconds (600)" }

        # ---- Get-EcsServiceX ------------------------------------------------------------------
        @{ Cmdlet = 'Get-EcsServiceX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Get-EcsServiceX'; Case = 'the ARN of a cluster as a service'; Arguments = @{ ServiceName = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'A service ARN looks like arn:aws:ecs:us-east-1:123456789012:service/name' }
        @{ Cmdlet = 'Get-EcsServiceX'; Case = 'a cluster name with a space'; Arguments = @{ Cluster = 'my cluster' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'my cluster' is not a valid cluster name" }
        @{ Cmdlet = 'Get-EcsServiceX'; Case = '-LaunchType LAMBDA'; Arguments = @{ LaunchType = 'LAMBDA' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'FARGATE,EC2,EXTERNAL,MANAGED_INSTANCES' }
        @{ Cmdlet = 'Get-EcsServiceX'; Case = '-SchedulingStrategy ONCE'; Arguments = @{ SchedulingStrategy = 'ONCE' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'REPLICA,DAEMON' }
        @{ Cmdlet = 'Get-EcsServiceX'; Case = 'a piped cluster name with a slash'; Arguments = @{}; Pipeline = @(@{ ClusterName = 'team/prod' })
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }

        # ---- Update-EcsServiceX ---------------------------------------------------------------
        @{ Cmdlet = 'Update-EcsServiceX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b'; DesiredCount = 1 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = 'nothing to change'; Arguments = @{ ServiceName = 'web'; Cluster = 'main' }
            ErrorId = 'NoServiceChange'; Category = 'InvalidArgument'; Message = 'pass -DesiredCount, -TaskDefinition, -Image' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = '-TaskDefinition and -Image together'; Arguments = @{ ServiceName = 'web'; Cluster = 'main'; TaskDefinition = 'web:2'; Image = @{ web = 'nginx:2' } }
            ErrorId = 'TaskDefinitionAndImage'; Category = 'InvalidArgument'; Message = 'Give -TaskDefinition or -Image, not both' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = "-Alarm ''"; Arguments = @{ ServiceName = 'web'; Alarm = '' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'A CloudWatch alarm name is 1 to 255 characters' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = 'an alarm name of only spaces'; Arguments = @{ ServiceName = 'web'; Alarm = @('cpu-high', '   ') }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'A name of only spaces is not an alarm name' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = 'a subnet id that is too short'; Arguments = @{ ServiceName = 'web'; Subnet = 'subnet-123' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'subnet- followed by 8 to 17 lower-case hex digits' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = "-SecurityGroup 'sg- 123'"; Arguments = @{ ServiceName = 'web'; Subnet = 'subnet-0123456789abcdef0'; SecurityGroup = 'sg- 123' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'sg- followed by 8 to 17 lower-case hex digits' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = '-SecurityGroup without -Subnet'; Arguments = @{ ServiceName = 'web'; SecurityGroup = 'sg-0123456789abcdef0' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'awsvpc networking needs at least one subnet' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = "a capacity provider strategy 'FARGATE:x'"; Arguments = @{ ServiceName = 'web'; CapacityProviderStrategy = 'FARGATE:x' }
            ErrorId = 'InvalidServiceParameters'; Category = 'InvalidArgument'; Message = 'is not a whole number' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = '-Image with a space in the image'; Arguments = @{ ServiceName = 'web'; Image = @{ web = 'nginx :2' } }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @("-Image: the image for 'web'", 'has white space in it') }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = '-Image with an upper-case repository'; Arguments = @{ ServiceName = 'web'; Image = @{ web = 'registry.example.com/Web:2' } }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'repository paths are lower case' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = 'a task definition with revision 0'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:0' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'family:revision such as web:3, or an ARN' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = '-DesiredCount -1'; Arguments = @{ ServiceName = 'web'; DesiredCount = -1 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum allowed range of 0' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = '-MinimumHealthyPercent 101'; Arguments = @{ ServiceName = 'web'; MinimumHealthyPercent = 101 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'maximum allowed range of 100' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = "-PlatformVersion 'v1'"; Arguments = @{ ServiceName = 'web'; PlatformVersion = 'v1' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Use LATEST or a version number such as 1.4.0' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = '-Timeout soon'; Arguments = @{ ServiceName = 'web'; DesiredCount = 1; Wait = $true; Timeout = 'soon' }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = 'is not a duration' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = 'a piped service name with a dot'; Arguments = @{ DesiredCount = 1 }; Pipeline = @(@{ ServiceName = 'web.v2'; Cluster = 'prod' })
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'web.v2' is not a valid service name" }

        # ---- Remove-EcsServiceX ---------------------------------------------------------------
        @{ Cmdlet = 'Remove-EcsServiceX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Remove-EcsServiceX'; Case = 'the ARN of a task definition as a service'; Arguments = @{ ServiceName = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'not of a service. A service ARN looks like' }
        @{ Cmdlet = 'Remove-EcsServiceX'; Case = 'a wildcard (Remove takes exact names)'; Arguments = @{ ServiceName = 'web-*'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Remove-EcsServiceX'; Case = '-Timeout soon'; Arguments = @{ ServiceName = 'web'; Force = $true; Wait = $true; Timeout = 'soon' }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = 'or a TimeSpan' }

        # ---- Wait-EcsServiceX -----------------------------------------------------------------
        @{ Cmdlet = 'Wait-EcsServiceX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Wait-EcsServiceX'; Case = '-Timeout soon'; Arguments = @{ ServiceName = 'web'; Timeout = 'soon' }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = @('not a duration', 'seconds') }
        @{ Cmdlet = 'Wait-EcsServiceX'; Case = '-Timeout 0'; Arguments = @{ ServiceName = 'web'; Timeout = 0 }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = 'is outside the allowed range 00:00:01 to 2.00:00:00' }
        @{ Cmdlet = 'Wait-EcsServiceX'; Case = '-PollInterval 11 minutes'; Arguments = @{ ServiceName = 'web'; PollInterval = '00:11:00' }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = 'outside the allowed range 00:00:01 to 00:10:00' }
        @{ Cmdlet = 'Wait-EcsServiceX'; Case = '-NoProgressTimeout -5'; Arguments = @{ ServiceName = 'web'; NoProgressTimeout = -5 }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = 'outside the allowed range' }
        @{ Cmdlet = 'Wait-EcsServiceX'; Case = '-Condition Ready'; Arguments = @{ ServiceName = 'web'; Condition = 'Ready' }
            ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = 'Stable, DeploymentComplete, Inactive' }
        @{ Cmdlet = 'Wait-EcsServiceX'; Case = 'a piped service name with a slash'; Arguments = @{}; Pipeline = @(@{ ServiceName = 'web/api' })
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'web/api' is not a valid service name" }

        # ---- Get-EcsServiceEventX -------------------------------------------------------------
        @{ Cmdlet = 'Get-EcsServiceEventX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Get-EcsServiceEventX'; Case = '-Last 0'; Arguments = @{ ServiceName = 'web'; Last = 0 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum allowed range of 1' }
        @{ Cmdlet = 'Get-EcsServiceEventX'; Case = '-Last 101 (ECS keeps 100 events)'; Arguments = @{ ServiceName = 'web'; Last = 101 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'maximum allowed range of 100' }
        @{ Cmdlet = 'Get-EcsServiceEventX'; Case = 'a cluster name with a slash'; Arguments = @{ ServiceName = 'web'; Cluster = 'team/prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'team/prod' is not a valid cluster name" }

        # ---- Get-EcsServiceTargetHealthX -----------------------------------------------------
        @{ Cmdlet = 'Get-EcsServiceTargetHealthX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Get-EcsServiceTargetHealthX'; Case = 'a cluster name with a slash'; Arguments = @{ ServiceName = 'web'; Cluster = 'team/prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'team/prod' is not a valid cluster name" }
        @{ Cmdlet = 'Get-EcsServiceTargetHealthX'; Case = 'a piped service name with a slash'; Arguments = @{}; Pipeline = @(@{ ServiceName = 'web/api' })
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'web/api' is not a valid service name" }
        @{ Cmdlet = 'Get-EcsServiceTargetHealthX'; Case = 'an empty service name'; Arguments = @{ ServiceName = '' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }

        # ---- Get-EcsServiceStatusX -----------------------------------------------------------
        @{ Cmdlet = 'Get-EcsServiceStatusX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Get-EcsServiceStatusX'; Case = 'a cluster name with a slash'; Arguments = @{ Cluster = 'team/prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'team/prod' is not a valid cluster name" }
        @{ Cmdlet = 'Get-EcsServiceStatusX'; Case = 'a piped service name with a slash'; Arguments = @{}; Pipeline = @(@{ ServiceName = 'web/api' })
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'web/api' is not a valid service name" }
        @{ Cmdlet = 'Get-EcsServiceStatusX'; Case = 'a service name of 256 characters'; Arguments = @{ ServiceName = '__256xs__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }

        # ---- Get-EcsServiceDeploymentX --------------------------------------------------------
        @{ Cmdlet = 'Get-EcsServiceDeploymentX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Get-EcsServiceDeploymentX'; Case = 'the ARN of a cluster as a service'; Arguments = @{ ServiceName = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'A service ARN looks like' }
        @{ Cmdlet = 'Get-EcsServiceDeploymentX'; Case = 'a cluster name of 256 characters'; Arguments = @{ ServiceName = 'web'; Cluster = '__256xc__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a valid cluster name' }
        @{ Cmdlet = 'Get-EcsServiceDeploymentX'; Case = 'a wildcard (it takes exact names)'; Arguments = @{ ServiceName = 'web*' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }

        # ---- Get-EcsTaskX ---------------------------------------------------------------------
        @{ Cmdlet = 'Get-EcsTaskX'; Case = 'a task id that is not 32 hex digits'; Arguments = @{ Task = 'web-1' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @("'web-1' is not a task id", '32 hexadecimal digits') }
        @{ Cmdlet = 'Get-EcsTaskX'; Case = 'the ARN of a service as a task'; Arguments = @{ Task = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'not of a task. A task ARN looks like' }
        @{ Cmdlet = 'Get-EcsTaskX'; Case = '-ServiceName with -Family'; Arguments = @{ Cluster = 'prod'; ServiceName = 'web'; Family = 'web' }
            ErrorId = 'IncompatibleTaskFilters'; Category = 'InvalidArgument'; Message = '-ServiceName and -Family cannot be used together' }
        @{ Cmdlet = 'Get-EcsTaskX'; Case = '-StartedBy with -LaunchType'; Arguments = @{ StartedBy = 'nightly'; LaunchType = 'FARGATE' }
            ErrorId = 'IncompatibleTaskFilters'; Category = 'InvalidArgument'; Message = @('-StartedBy cannot be used together with -LaunchType', 'Use -StartedBy alone') }
        @{ Cmdlet = 'Get-EcsTaskX'; Case = 'a piped service next to -Family'; Arguments = @{ Family = 'web' }; Pipeline = @(@{ ServiceName = 'web'; ClusterArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' })
            ErrorId = 'IncompatibleTaskFilters'; Category = 'InvalidArgument'; Message = '-ServiceName and -Family cannot be used together'; Target = 'web' }
        @{ Cmdlet = 'Get-EcsTaskX'; Case = 'a startedBy value with a space'; Arguments = @{ StartedBy = 'nightly import' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Use 1 to 128 letters, digits, hyphens (-), slashes (/) and underscores (_)' }
        @{ Cmdlet = 'Get-EcsTaskX'; Case = '-DesiredStatus DONE'; Arguments = @{ DesiredStatus = 'DONE' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'RUNNING,PENDING,STOPPED' }
        @{ Cmdlet = 'Get-EcsTaskX'; Case = 'a container instance given as an EC2 instance id'; Arguments = @{ ContainerInstance = 'i-0123456789abcdef0' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a container instance id' }
        @{ Cmdlet = 'Get-EcsTaskX'; Case = 'a family with a colon (a revision, not a family)'; Arguments = @{ Family = 'web:3' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a valid task definition family name' }

        # ---- Stop-EcsTaskX --------------------------------------------------------------------
        @{ Cmdlet = 'Stop-EcsTaskX'; Case = 'a wildcard (Stop takes exact ids)'; Arguments = @{ Cluster = 'prod'; Task = '5f1c*' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '32 hexadecimal digits' }
        @{ Cmdlet = 'Stop-EcsTaskX'; Case = 'the ARN of a cluster as a task'; Arguments = @{ Task = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'not of a task. A task ARN looks like' }
        @{ Cmdlet = 'Stop-EcsTaskX'; Case = 'a reason of 256 characters'; Arguments = @{ Task = '0123456789abcdef0123456789abcdef'; Reason = '__256xr__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'at most 255' }
        @{ Cmdlet = 'Stop-EcsTaskX'; Case = 'an empty reason'; Arguments = @{ Task = '0123456789abcdef0123456789abcdef'; Reason = '' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'up to 255 characters' }
        @{ Cmdlet = 'Stop-EcsTaskX'; Case = '-Wait -Timeout soon'; Arguments = @{ Task = '0123456789abcdef0123456789abcdef'; Wait = $true; Timeout = 'soon' }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = 'soon' }
        @{ Cmdlet = 'Stop-EcsTaskX'; Case = '-Wait -PollInterval of an hour'; Arguments = @{ Task = '0123456789abcdef0123456789abcdef'; Wait = $true; PollInterval = 3600 }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = 'outside the allowed range 00:00:01 to 00:10:00' }
        @{ Cmdlet = 'Stop-EcsTaskX'; Case = 'a piped task id with a typo'; Arguments = @{ Cluster = 'prod' }; Pipeline = @('0123456789abcdef0123456789abcdeg')
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'0123456789abcdef0123456789abcdeg' is not a task id" }
        @{ Cmdlet = 'Stop-EcsTaskX'; Case = 'a cluster name with a slash'; Arguments = @{ Cluster = 'team/prod'; Task = '0123456789abcdef0123456789abcdef' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'team/prod' is not a valid cluster name" }
        # ---- Get-EcsContainerInstanceX --------------------------------------------------------
        @{ Cmdlet = 'Get-EcsContainerInstanceX'; Case = 'an EC2 instance id as a container instance id'; Arguments = @{ ContainerInstance = 'i-0abc1234def567890' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('is not a container instance id', '32 hexadecimal digits') }
        @{ Cmdlet = 'Get-EcsContainerInstanceX'; Case = 'the ARN of a task as a container instance'; Arguments = @{ ContainerInstance = 'arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is the ARN of a task, not of a container instance' }
        @{ Cmdlet = 'Get-EcsContainerInstanceX'; Case = '-Status STOPPED'; Arguments = @{ Status = 'STOPPED' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'ACTIVE,DRAINING,REGISTERING,DEREGISTERING,REGISTRATION_FAILED' }
        @{ Cmdlet = 'Get-EcsContainerInstanceX'; Case = 'a cluster name with a slash'; Arguments = @{ Cluster = 'team/prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'team/prod' is not a valid cluster name" }
        @{ Cmdlet = 'Get-EcsContainerInstanceX'; Case = '-Filter together with named instances'; Arguments = @{ ContainerInstance = '0123456789abcdef0123456789abcdef'; Filter = 'ec2InstanceId == i-0abc' }
            ErrorId = 'FilterWithContainerInstance'; Category = 'InvalidArgument'; Message = 'does not apply to instances named by id' }

        # ---- Set-EcsContainerInstanceStateX ---------------------------------------------------
        @{ Cmdlet = 'Set-EcsContainerInstanceStateX'; Case = '-Status DEREGISTERING (only DRAINING and ACTIVE can be set)'; Arguments = @{ ContainerInstance = '0123456789abcdef0123456789abcdef'; Status = 'DEREGISTERING' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'DRAINING,ACTIVE' }
        @{ Cmdlet = 'Set-EcsContainerInstanceStateX'; Case = '-Wait with -Status ACTIVE'; Arguments = @{ ContainerInstance = '0123456789abcdef0123456789abcdef'; Status = 'ACTIVE'; Wait = $true }
            ErrorId = 'WaitNeedsDraining'; Category = 'InvalidArgument'; Message = 'goes with -Status DRAINING only' }
        @{ Cmdlet = 'Set-EcsContainerInstanceStateX'; Case = '-Timeout without -Wait'; Arguments = @{ ContainerInstance = '0123456789abcdef0123456789abcdef'; Status = 'DRAINING'; Timeout = 60 }
            ErrorId = 'WaitSettingWithoutWait'; Category = 'InvalidArgument'; Message = 'they go with -Wait' }
        @{ Cmdlet = 'Set-EcsContainerInstanceStateX'; Case = '-PollInterval 11 minutes'; Arguments = @{ ContainerInstance = '0123456789abcdef0123456789abcdef'; Status = 'DRAINING'; Wait = $true; PollInterval = '00:11:00' }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = 'outside the allowed range 00:00:01 to 00:10:00' }
        @{ Cmdlet = 'Set-EcsContainerInstanceStateX'; Case = 'a piped id that is too short'; Arguments = @{ Status = 'DRAINING' }; Pipeline = @('0123abcd')
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'0123abcd' is not a container instance id" }

        # ---- Remove-EcsContainerInstanceX -----------------------------------------------------
        @{ Cmdlet = 'Remove-EcsContainerInstanceX'; Case = 'an EC2 instance id'; Arguments = @{ ContainerInstance = 'i-0abc1234def567890'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a container instance id' }
        @{ Cmdlet = 'Remove-EcsContainerInstanceX'; Case = 'an empty id'; Arguments = @{ ContainerInstance = ''; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a container instance id' }
        @{ Cmdlet = 'Remove-EcsContainerInstanceX'; Case = 'a cluster ARN as the container instance'; Arguments = @{ ContainerInstance = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is the ARN of a cluster, not of a container instance' }

        # ---- New-EcsCapacityProviderX ---------------------------------------------------------
        @{ Cmdlet = 'New-EcsCapacityProviderX'; Case = 'a name beginning with ecs'; Arguments = @{ Name = 'ecs-prod'; AutoScalingGroupArn = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/ecs-prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'may not begin with aws, ecs or fargate' }
        @{ Cmdlet = 'New-EcsCapacityProviderX'; Case = 'a name beginning with Fargate (any case)'; Arguments = @{ Name = 'FargateMine'; AutoScalingGroupArn = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/ecs-prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "begins with 'fargate'" }
        @{ Cmdlet = 'New-EcsCapacityProviderX'; Case = 'a name with a space'; Arguments = @{ Name = 'prod ec2'; AutoScalingGroupArn = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/ecs-prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'New-EcsCapacityProviderX'; Case = 'an Auto Scaling group name instead of its ARN'; Arguments = @{ Name = 'prod-ec2'; AutoScalingGroupArn = 'ecs-prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('is not an Auto Scaling group ARN', 'autoScalingGroupName/') }
        @{ Cmdlet = 'New-EcsCapacityProviderX'; Case = 'an EC2 launch template ARN'; Arguments = @{ Name = 'prod-ec2'; AutoScalingGroupArn = 'arn:aws:ec2:us-east-1:123456789012:launch-template/lt-0123456789abcdef0' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not an Auto Scaling group ARN' }
        @{ Cmdlet = 'New-EcsCapacityProviderX'; Case = '-TargetCapacity 0'; Arguments = @{ Name = 'prod-ec2'; AutoScalingGroupArn = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/ecs-prod'; TargetCapacity = 0 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum allowed range of 1' }
        @{ Cmdlet = 'New-EcsCapacityProviderX'; Case = 'a minimum step larger than the maximum'; Arguments = @{ Name = 'prod-ec2'; AutoScalingGroupArn = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/ecs-prod'; MinimumScalingStepSize = 5; MaximumScalingStepSize = 2 }
            ErrorId = 'InvalidCapacityProviderSettings'; Category = 'InvalidArgument'; Message = 'is larger than -MaximumScalingStepSize' }
        @{ Cmdlet = 'New-EcsCapacityProviderX'; Case = 'termination protection without managed scaling'; Arguments = @{ Name = 'prod-ec2'; AutoScalingGroupArn = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/ecs-prod'; ManagedScaling = 'DISABLED'; ManagedTerminationProtection = 'ENABLED' }
            ErrorId = 'InvalidCapacityProviderSettings'; Category = 'InvalidArgument'; Message = 'needs managed scaling' }

        # ---- Get-EcsCapacityProviderX ---------------------------------------------------------
        @{ Cmdlet = 'Get-EcsCapacityProviderX'; Case = 'a name with a slash'; Arguments = @{ Name = 'prod/ec2' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'prod/ec2' is not a valid capacity provider name" }
        @{ Cmdlet = 'Get-EcsCapacityProviderX'; Case = 'the ARN of a cluster'; Arguments = @{ Name = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'A capacity provider ARN looks like' }
        @{ Cmdlet = 'Get-EcsCapacityProviderX'; Case = 'a name of 256 characters'; Arguments = @{ Name = '__256xp__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }

        # ---- Update-EcsCapacityProviderX ------------------------------------------------------
        @{ Cmdlet = 'Update-EcsCapacityProviderX'; Case = 'no setting to change'; Arguments = @{ Name = 'prod-ec2' }
            ErrorId = 'NoCapacityProviderChange'; Category = 'InvalidArgument'; Message = 'Nothing to change' }
        @{ Cmdlet = 'Update-EcsCapacityProviderX'; Case = 'FARGATE (built in)'; Arguments = @{ Name = 'FARGATE'; ManagedDraining = 'ENABLED' }
            ErrorId = 'BuiltInCapacityProvider'; Category = 'InvalidArgument'; Message = 'it cannot be changed' }
        @{ Cmdlet = 'Update-EcsCapacityProviderX'; Case = '-TargetCapacity 101'; Arguments = @{ Name = 'prod-ec2'; TargetCapacity = 101 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'maximum allowed range of 100' }
        @{ Cmdlet = 'Update-EcsCapacityProviderX'; Case = '-ManagedDraining on'; Arguments = @{ Name = 'prod-ec2'; ManagedDraining = 'on' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'ENABLED,DISABLED' }
        @{ Cmdlet = 'Update-EcsCapacityProviderX'; Case = 'termination protection on with managed scaling off'; Arguments = @{ Name = 'prod-ec2'; ManagedScaling = 'DISABLED'; ManagedTerminationProtection = 'ENABLED' }
            ErrorId = 'InvalidCapacityProviderSettings'; Category = 'InvalidArgument'; Message = 'needs managed scaling' }

        # ---- Remove-EcsCapacityProviderX ------------------------------------------------------
        @{ Cmdlet = 'Remove-EcsCapacityProviderX'; Case = 'FARGATE_SPOT (built in)'; Arguments = @{ Name = 'FARGATE_SPOT'; Force = $true }
            ErrorId = 'BuiltInCapacityProvider'; Category = 'InvalidArgument'; Message = 'it cannot be deleted' }
        @{ Cmdlet = 'Remove-EcsCapacityProviderX'; Case = 'a wildcard (it takes exact names)'; Arguments = @{ Name = 'ci-*'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Remove-EcsCapacityProviderX'; Case = 'the ARN of a service'; Arguments = @{ Name = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is the ARN of a service, not of a capacity provider' }
        # ---- Get-EcsTagX ----------------------------------------------------------------------
        @{ Cmdlet = 'Get-EcsTagX'; Case = 'a cluster name instead of an ARN'; Arguments = @{ ResourceArn = 'prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @("'prod' is not an ARN", 'pipe the object from Get-EcsClusterX') }
        @{ Cmdlet = 'Get-EcsTagX'; Case = 'the ARN of an IAM role'; Arguments = @{ ResourceArn = 'arn:aws:iam::123456789012:role/deploy' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a valid ECS ARN' }
        @{ Cmdlet = 'Get-EcsTagX'; Case = 'a service ARN of the old short form'; Arguments = @{ ResourceArn = 'arn:aws:ecs:us-east-1:123456789012:service/web' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('old short form', 'service/<cluster>/<service>') }
        @{ Cmdlet = 'Get-EcsTagX'; Case = 'a task definition ARN without a revision'; Arguments = @{ ResourceArn = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'task-definition/<family>:<revision>' }
        @{ Cmdlet = 'Get-EcsTagX'; Case = 'the ARN of an ECS resource type without tags'; Arguments = @{ ResourceArn = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/abc' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'which does not take ECS tags' }
        @{ Cmdlet = 'Get-EcsTagX'; Case = 'a piped object with no ARN of its own'; Arguments = @{}; Pipeline = @(@{ ServiceName = 'web'; ClusterName = 'prod' })
            ErrorId = 'InvalidResourceArn'; Category = 'InvalidArgument'; Message = @('does not say which ECS resource it is', 'ResourceArn or Arn property') }
        @{ Cmdlet = 'Get-EcsTagX'; Case = 'a piped task ARN with a bad id'; Arguments = @{}; Pipeline = @('arn:aws:ecs:us-east-1:123456789012:task/prod/not-an-id')
            ErrorId = 'InvalidResourceArn'; Category = 'InvalidArgument'; Message = 'task/<cluster>/<id>' }

        # ---- Add-EcsTagX ----------------------------------------------------------------------
        @{ Cmdlet = 'Add-EcsTagX'; Case = 'a tag with the reserved aws: prefix'; Arguments = @{ ResourceArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'; Tag = @{ 'aws:owner' = 'me' } }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "reserved 'aws:' prefix" }
        @{ Cmdlet = 'Add-EcsTagX'; Case = 'a tag value of 257 characters'; Arguments = @{ ResourceArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'; Tag = @{ owner = '__257xv__' } }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'the limit is 256' }
        @{ Cmdlet = 'Add-EcsTagX'; Case = 'an empty -Tag'; Arguments = @{ ResourceArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'; Tag = @{} }
            ErrorId = 'NoTags'; Category = 'InvalidArgument'; Message = 'give at least one tag' }
        @{ Cmdlet = 'Add-EcsTagX'; Case = 'a container instance ARN of the old short form'; Arguments = @{ ResourceArn = 'arn:aws:ecs:us-east-1:123456789012:container-instance/0123456789abcdef0123456789abcdef'; Tag = @{ owner = 'ops' } }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'old short form' }
        @{ Cmdlet = 'Add-EcsTagX'; Case = 'a piped number'; Arguments = @{ Tag = @{ owner = 'ops' } }; Pipeline = @(42)
            ErrorId = 'InvalidResourceArn'; Category = 'InvalidArgument'; Message = 'does not say which ECS resource it is' }
        @{ Cmdlet = 'Add-EcsTagX'; Case = 'an ARN that contradicts -Region'; Arguments = @{ ResourceArn = 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod'; Tag = @{ owner = 'ops' } }
            ErrorId = 'ArnRegionMismatch'; Category = 'InvalidArgument'; Message = 'Leave out -Region' }

        # ---- Remove-EcsTagX -------------------------------------------------------------------
        @{ Cmdlet = 'Remove-EcsTagX'; Case = 'a key with the reserved aws: prefix'; Arguments = @{ ResourceArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'; Key = 'aws:cloudformation:stack-name' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "reserved 'aws:' prefix" }
        @{ Cmdlet = 'Remove-EcsTagX'; Case = 'an empty key'; Arguments = @{ ResourceArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'; Key = '' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 128 characters' }
        @{ Cmdlet = 'Remove-EcsTagX'; Case = 'a key with a #'; Arguments = @{ ResourceArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'; Key = 'cost#center' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Use letters, digits, spaces and _ . : / = + - @' }
        @{ Cmdlet = 'Remove-EcsTagX'; Case = 'an ECR repository ARN'; Arguments = @{ ResourceArn = 'arn:aws:ecr:us-east-1:123456789012:repository/web'; Key = 'owner' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a valid ECS ARN' }
        @{ Cmdlet = 'Remove-EcsTagX'; Case = 'a cluster ARN with a bad name'; Arguments = @{ ResourceArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod.eu'; Key = 'owner' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'does not end in a cluster name' }

        # ---- Get-EcsAccountSettingX -----------------------------------------------------------
        @{ Cmdlet = 'Get-EcsAccountSettingX'; Case = 'a setting name ECS does not have'; Arguments = @{ Name = 'containerInsight' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('containerInsights', 'fargateTaskRetirementWaitPeriod') }
        @{ Cmdlet = 'Get-EcsAccountSettingX'; Case = 'a principal that is an ECS ARN'; Arguments = @{ PrincipalArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not an IAM principal ARN' }
        @{ Cmdlet = 'Get-EcsAccountSettingX'; Case = 'a principal that is an IAM group'; Arguments = @{ PrincipalArn = 'arn:aws:iam::123456789012:group/admins' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('IAM group', 'role/deploy') }
        @{ Cmdlet = 'Get-EcsAccountSettingX'; Case = 'a principal given as a role name'; Arguments = @{ PrincipalArn = 'deploy' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Give the ARN of an IAM user' }

        # ---- Set-EcsAccountSettingX -----------------------------------------------------------
        @{ Cmdlet = 'Set-EcsAccountSettingX'; Case = '-Default with -PrincipalArn'; Arguments = @{ Name = 'containerInsights'; Value = 'enabled'; Default = $true; PrincipalArn = 'arn:aws:iam::123456789012:root' }
            ErrorId = 'DefaultTakesNoPrincipal'; Category = 'InvalidArgument'; Message = 'takes no -PrincipalArn' }
        @{ Cmdlet = 'Set-EcsAccountSettingX'; Case = 'containerInsights on'; Arguments = @{ Name = 'containerInsights'; Value = 'on' }
            ErrorId = 'InvalidAccountSettingValue'; Category = 'InvalidArgument'; Message = 'It takes enabled, disabled or enhanced' }
        @{ Cmdlet = 'Set-EcsAccountSettingX'; Case = 'a retirement wait of 3 days'; Arguments = @{ Name = 'fargateTaskRetirementWaitPeriod'; Value = '3' }
            ErrorId = 'InvalidAccountSettingValue'; Category = 'InvalidArgument'; Message = 'It takes 0, 7 or 14' }
        @{ Cmdlet = 'Set-EcsAccountSettingX'; Case = 'the read-only guardDutyActivate'; Arguments = @{ Name = 'guardDutyActivate'; Value = 'enabled' }
            ErrorId = 'InvalidAccountSettingValue'; Category = 'InvalidArgument'; Message = 'guardDutyActivate is read-only' }
        @{ Cmdlet = 'Set-EcsAccountSettingX'; Case = 'awsvpcTrunking enhanced'; Arguments = @{ Name = 'awsvpcTrunking'; Value = 'enhanced' }
            ErrorId = 'InvalidAccountSettingValue'; Category = 'InvalidArgument'; Message = 'It takes enabled or disabled' }
        @{ Cmdlet = 'Set-EcsAccountSettingX'; Case = 'a piped setting with a bad value'; Arguments = @{}; Pipeline = @(@{ Name = 'defaultLogDriverMode'; Value = 'async' })
            ErrorId = 'InvalidAccountSettingValue'; Category = 'InvalidArgument'; Message = 'It takes blocking or non-blocking' }
        @{ Cmdlet = 'Set-EcsAccountSettingX'; Case = 'a setting name ECS does not have'; Arguments = @{ Name = 'insights'; Value = 'enabled' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'containerInsights' }
        # ---- Invoke-EcsCommandX ---------------------------------------------------------------
        @{ Cmdlet = 'Invoke-EcsCommandX'; Case = 'a task id that is not 32 hex digits'; Arguments = @{ Task = 'web-1'; Command = '/bin/sh' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @("'web-1' is not a task id", '32 hexadecimal digits') }
        @{ Cmdlet = 'Invoke-EcsCommandX'; Case = 'the ARN of a service as a task'; Arguments = @{ Task = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web'; Command = '/bin/sh' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'A task ARN looks like' }
        @{ Cmdlet = 'Invoke-EcsCommandX'; Case = 'a container name with a space'; Arguments = @{ Task = '0123456789abcdef0123456789abcdef'; Container = 'my app'; Command = '/bin/sh' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'my app' is not a valid container name" }
        @{ Cmdlet = 'Invoke-EcsCommandX'; Case = 'an empty command'; Arguments = @{ Task = '0123456789abcdef0123456789abcdef'; Command = '' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'empty' }
        # ---- Start-EcsTaskX -------------------------------------------------------------------
        @{ Cmdlet = 'Start-EcsTaskX'; Case = '-LaunchType and -CapacityProviderStrategy together'; Arguments = @{ TaskDefinition = 'job'; LaunchType = 'FARGATE'; CapacityProviderStrategy = @('FARGATE_SPOT'); Subnet = @('subnet-0a1b2c3d4e5f60718'); SecurityGroup = @('sg-0123456789abcdef0') }
            ErrorId = 'InvalidTaskRunParameters'; Category = 'InvalidArgument'; Message = 'Give -LaunchType or -CapacityProviderStrategy, not both' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = '-Subnet without -SecurityGroup'; Arguments = @{ TaskDefinition = 'job'; LaunchType = 'FARGATE'; Subnet = @('subnet-0a1b2c3d4e5f60718') }
            ErrorId = 'InvalidTaskRunParameters'; Category = 'InvalidArgument'; Message = @('-Subnet needs -SecurityGroup', '-FromService') }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = '-SecurityGroup without -Subnet'; Arguments = @{ TaskDefinition = 'job'; SecurityGroup = @('sg-0123456789abcdef0') }
            ErrorId = 'InvalidTaskRunParameters'; Category = 'InvalidArgument'; Message = 'go with -Subnet' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = '-Count 0'; Arguments = @{ TaskDefinition = 'job'; Count = 0 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum allowed range of 1' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = '-Count 1001'; Arguments = @{ TaskDefinition = 'job'; Count = 1001 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'maximum allowed range of 1000' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = '-Cpu that is not a size'; Arguments = @{ TaskDefinition = 'job'; Cpu = 'lots' }
            ErrorId = 'InvalidTaskRunParameters'; Category = 'InvalidArgument'; Message = @('is not a task CPU size', '0.5 vCPU') }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = 'a Fargate size that does not exist'; Arguments = @{ TaskDefinition = 'job'; LaunchType = 'FARGATE'; Cpu = '256'; Memory = '4096'; Subnet = @('subnet-0a1b2c3d4e5f60718'); SecurityGroup = @('sg-0123456789abcdef0') }
            ErrorId = 'InvalidTaskRunParameters'; Category = 'InvalidArgument'; Message = 'With 256 CPU units use 512, 1024 or 2048 MiB' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = '-Container without -Command or -Environment'; Arguments = @{ TaskDefinition = 'job'; Container = 'app' }
            ErrorId = 'InvalidTaskRunParameters'; Category = 'InvalidArgument'; Message = 'give one of them too' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = 'an -Override container without a name'; Arguments = @{ TaskDefinition = 'job'; Override = @{ ContainerOverrides = @(@{ Command = @('x') }) } }
            ErrorId = 'InvalidTaskRunParameters'; Category = 'InvalidArgument'; Message = 'needs the Name of its container' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = 'placement on Fargate'; Arguments = @{ TaskDefinition = 'job'; LaunchType = 'FARGATE'; PlacementStrategy = @('binpack:memory'); Subnet = @('subnet-0a1b2c3d4e5f60718'); SecurityGroup = @('sg-0123456789abcdef0') }
            ErrorId = 'InvalidTaskRunParameters'; Category = 'InvalidArgument'; Message = 'Fargate places tasks itself' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = 'an EC2 instance id as a container instance'; Arguments = @{ TaskDefinition = 'job'; ContainerInstance = @('i-0123456789abcdef0') }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a container instance id' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = 'a client token of 65 characters'; Arguments = @{ TaskDefinition = 'job'; ClientToken = '__65xt__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '"64" characters' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = '-StartedBy with a space'; Arguments = @{ TaskDefinition = 'job'; StartedBy = 'ci run' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '^[A-Za-z0-9/_-]+$' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = 'neither -TaskDefinition nor -FromService'; Arguments = @{ Cluster = 'prod' }
            ErrorId = 'TaskDefinitionMissing'; Category = 'InvalidArgument'; Message = '-FromService' }
        @{ Cmdlet = 'Start-EcsTaskX'; Case = '-ClientToken with -ContainerInstance (StartTask has none)'; Arguments = @{ TaskDefinition = 'job'; ContainerInstance = @('0123456789abcdef0123456789abcdef'); ClientToken = 'x' }
            ErrorId = 'AmbiguousParameterSet'; Category = 'InvalidArgument'; Message = 'Parameter set cannot be resolved' }

        # ---- Invoke-EcsTaskX ------------------------------------------------------------------
        @{ Cmdlet = 'Invoke-EcsTaskX'; Case = '-Subnet without -SecurityGroup'; Arguments = @{ TaskDefinition = 'migrate'; Subnet = @('subnet-0a1b2c3d4e5f60718') }
            ErrorId = 'InvalidTaskRunParameters'; Category = 'InvalidArgument'; Message = '-Subnet needs -SecurityGroup' }
        @{ Cmdlet = 'Invoke-EcsTaskX'; Case = '-Memory that is not a size'; Arguments = @{ TaskDefinition = 'migrate'; Memory = '2 TB' }
            ErrorId = 'InvalidTaskRunParameters'; Category = 'InvalidArgument'; Message = @('is not a task memory size', "'2 GB'") }
        @{ Cmdlet = 'Invoke-EcsTaskX'; Case = 'a task definition with a bad revision'; Arguments = @{ TaskDefinition = 'migrate:x' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'family:revision' }
        @{ Cmdlet = 'Invoke-EcsTaskX'; Case = '-Timeout 0'; Arguments = @{ TaskDefinition = 'migrate'; Timeout = 0 }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = '00:00:01' }
        @{ Cmdlet = 'Invoke-EcsTaskX'; Case = 'a container name with a space'; Arguments = @{ TaskDefinition = 'migrate'; Container = 'my app'; Command = @('x') }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a valid container name' }

        # ---- Get-EcsLogX ----------------------------------------------------------------------
        @{ Cmdlet = 'Get-EcsLogX'; Case = '-Since after -Until'; Arguments = @{ Task = @('0123456789abcdef0123456789abcdef'); Since = '10m'; Until = '1h' }
            ErrorId = 'InvalidLogTimeRange'; Category = 'InvalidArgument'; Message = @('is not before -Until', 'starts before it ends') }
        @{ Cmdlet = 'Get-EcsLogX'; Case = '-Follow with -Until'; Arguments = @{ Task = @('0123456789abcdef0123456789abcdef'); Follow = $true; Until = '5m' }
            ErrorId = 'InvalidLogTimeRange'; Category = 'InvalidArgument'; Message = 'leave out -Until' }
        @{ Cmdlet = 'Get-EcsLogX'; Case = '-Since that is not a time'; Arguments = @{ Task = @('0123456789abcdef0123456789abcdef'); Since = 'yesterdayish' }
            ErrorId = 'InvalidLogTimeRange'; Category = 'InvalidArgument'; Message = @("'15m'", 'a date') }
        @{ Cmdlet = 'Get-EcsLogX'; Case = '-Tail 0'; Arguments = @{ Task = @('0123456789abcdef0123456789abcdef'); Tail = 0 }
            ErrorId = 'InvalidLogTail'; Category = 'InvalidArgument'; Message = '1 to 10000' }
        @{ Cmdlet = 'Get-EcsLogX'; Case = '-Tail negative'; Arguments = @{ Task = @('0123456789abcdef0123456789abcdef'); Tail = -5 }
            ErrorId = 'InvalidLogTail'; Category = 'InvalidArgument'; Message = '1 to 10000' }
        @{ Cmdlet = 'Get-EcsLogX'; Case = 'a filter pattern with an unclosed quote'; Arguments = @{ Task = @('0123456789abcdef0123456789abcdef'); Filter = '"connection refused' }
            ErrorId = 'InvalidLogFilterPattern'; Category = 'InvalidArgument'; Message = 'unclosed double quote' }
        @{ Cmdlet = 'Get-EcsLogX'; Case = 'a JSON filter pattern without its closing brace'; Arguments = @{ Task = @('0123456789abcdef0123456789abcdef'); Filter = '{ $.level = "error"' }
            ErrorId = 'InvalidLogFilterPattern'; Category = 'InvalidArgument'; Message = 'unbalanced { }' }
        @{ Cmdlet = 'Get-EcsLogX'; Case = 'a task id that is not one'; Arguments = @{ Task = @('abc') }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a task id' }

        # ---- Wait-EcsTaskX --------------------------------------------------------------------
        @{ Cmdlet = 'Wait-EcsTaskX'; Case = 'a task id that is not one'; Arguments = @{ Task = @('abc') }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a task id' }
        @{ Cmdlet = 'Wait-EcsTaskX'; Case = 'the ARN of a service as a task'; Arguments = @{ Task = @('arn:aws:ecs:us-east-1:123456789012:service/prod/web') }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'not of a task' }
        @{ Cmdlet = 'Wait-EcsTaskX'; Case = 'an unknown condition'; Arguments = @{ Task = @('0123456789abcdef0123456789abcdef'); Condition = 'Healthy' }
            ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = 'Running, Stopped' }
        @{ Cmdlet = 'Wait-EcsTaskX'; Case = 'a cluster name with a space'; Arguments = @{ Task = @('0123456789abcdef0123456789abcdef'); Cluster = 'my cluster' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a valid cluster name' }
        @{ Cmdlet = 'Wait-EcsTaskX'; Case = '-PollInterval of an hour'; Arguments = @{ Task = @('0123456789abcdef0123456789abcdef'); PollInterval = 3600 }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = '00:10:00' }
        # ---- Get-EcrRepositoryX ---------------------------------------------------------------
        @{ Cmdlet = 'Get-EcrRepositoryX'; Case = 'a repository name in capitals'; Arguments = @{ RepositoryName = 'Web' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('is not an ECR repository name', 'lowercase') }
        @{ Cmdlet = 'Get-EcrRepositoryX'; Case = 'a repository name of one character'; Arguments = @{ RepositoryName = 'a' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '2 to 256' }
        @{ Cmdlet = 'Get-EcrRepositoryX'; Case = 'a repository name that ends with a slash'; Arguments = @{}; Pipeline = @('team/')
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "'team/' is not an ECR repository name" }
        @{ Cmdlet = 'Get-EcrRepositoryX'; Case = 'a repository name of 257 characters'; Arguments = @{ RepositoryName = '__257xa__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '2 to 256' }
        @{ Cmdlet = 'Get-EcrRepositoryX'; Case = 'a registry id that is not 12 digits'; Arguments = @{ RegistryId = '12345' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '12-digit account id' }
        # ---- Get-EcrImageX --------------------------------------------------------------------
        @{ Cmdlet = 'Get-EcrImageX'; Case = 'a tag that starts with a dot'; Arguments = @{ RepositoryName = 'web'; Tag = '.hidden' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('is not an image tag', '128') }
        @{ Cmdlet = 'Get-EcrImageX'; Case = 'a tag of 129 characters'; Arguments = @{ RepositoryName = 'web'; Tag = '__129xa__' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 128' }
        @{ Cmdlet = 'Get-EcrImageX'; Case = 'a digest that is not sha256 and 64 hex digits'; Arguments = @{ RepositoryName = 'web'; Digest = 'sha256:abc' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '64 lowercase hex digits' }
        @{ Cmdlet = 'Get-EcrImageX'; Case = 'a repository name with a space'; Arguments = @{ RepositoryName = 'my web' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not an ECR repository name' }
        @{ Cmdlet = 'Get-EcrImageX'; Case = 'an unknown tag status'; Arguments = @{ RepositoryName = 'web'; TagStatus = 'NONE' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'TAGGED' }
        @{ Cmdlet = 'Get-EcrImageX'; Case = '-Tag with -TagStatus UNTAGGED'; Arguments = @{ RepositoryName = 'web'; Tag = '1.0'; TagStatus = 'UNTAGGED' }
            ErrorId = 'TagWithUntagged'; Category = 'InvalidArgument'; Message = 'untagged images have no tag' }
        @{ Cmdlet = 'Get-EcrImageX'; Case = '-First 0'; Arguments = @{ RepositoryName = 'web'; First = 0 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1' }
        # ---- Resolve-EcrImageX ----------------------------------------------------------------
        @{ Cmdlet = 'Resolve-EcrImageX'; Case = 'a repository name in capitals'; Arguments = @{ Image = 'Web:1.0' }
            ErrorId = 'InvalidImageReference'; Category = 'InvalidArgument'; Message = @('is not an ECR repository name', 'lowercase') }
        @{ Cmdlet = 'Resolve-EcrImageX'; Case = 'a digest that is too short'; Arguments = @{ Image = 'web@sha256:abc' }
            ErrorId = 'InvalidImageReference'; Category = 'InvalidArgument'; Message = '64 lowercase hex digits' }
        @{ Cmdlet = 'Resolve-EcrImageX'; Case = 'a tag that starts with a hyphen'; Arguments = @{}; Pipeline = @('123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:-rc')
            ErrorId = 'InvalidImageReference'; Category = 'InvalidArgument'; Message = 'is not an image tag' }
        @{ Cmdlet = 'Resolve-EcrImageX'; Case = 'a Docker Hub image'; Arguments = @{ Image = 'docker.io/library/nginx:1.27' }
            ErrorId = 'NotAnEcrImage'; Category = 'InvalidArgument'; Message = 'not in a private ECR registry' }
        @{ Cmdlet = 'Resolve-EcrImageX'; Case = 'an ECR Public image'; Arguments = @{ Image = 'public.ecr.aws/nginx/nginx:1.27' }
            ErrorId = 'NotAnEcrImage'; Category = 'InvalidArgument'; Message = 'not in a private ECR registry' }
        # ---- Get-EcrLoginPasswordX ------------------------------------------------------------
        @{ Cmdlet = 'Get-EcrLoginPasswordX'; Case = 'an account id of 5 digits'; Arguments = @{ Registry = '12345' }
            ErrorId = 'InvalidRegistry'; Category = 'InvalidArgument'; Message = '12-digit account id' }
        @{ Cmdlet = 'Get-EcrLoginPasswordX'; Case = 'Docker Hub as the registry'; Arguments = @{ Registry = 'docker.io' }
            ErrorId = 'InvalidRegistry'; Category = 'InvalidArgument'; Message = '<account>.dkr.ecr.<region>.amazonaws.com' }
        @{ Cmdlet = 'Get-EcrLoginPasswordX'; Case = 'ECR Public as the registry'; Arguments = @{ Registry = 'https://public.ecr.aws' }
            ErrorId = 'InvalidRegistry'; Category = 'InvalidArgument'; Message = 'is not an ECR registry' }
        @{ Cmdlet = 'Update-EcsServiceX'; Case = '-PinDigest without -Image'; Arguments = @{ Cluster = 'prod'; ServiceName = 'web'; DesiredCount = 2; PinDigest = $true }
            ErrorId = 'PinDigestWithoutImage'; Category = 'InvalidArgument'; Message = 'pass -Image' }
        @{ Cmdlet = 'Register-EcsTaskDefinitionX'; Case = '-PinDigest without -Image'; Arguments = @{ Family = 'web'; PinDigest = $true; ContainerDefinition = @(@{ name = 'web'; image = 'web:1' }) }
            ErrorId = 'PinDigestWithoutImage'; Category = 'InvalidArgument'; Message = 'pass -Image' }
        # ---- Set-EcsServiceScalingX -----------------------------------------------------------
        @{ Cmdlet = 'Set-EcsServiceScalingX'; Case = 'a minimum above the maximum'; Arguments = @{ ServiceName = 'web'; MinCapacity = 5; MaxCapacity = 2 }
            ErrorId = 'MinAboveMax'; Category = 'InvalidArgument'; Message = 'the minimum must be at most the maximum' }
        @{ Cmdlet = 'Set-EcsServiceScalingX'; Case = 'a maximum of 6000 tasks'; Arguments = @{ ServiceName = 'web'; MinCapacity = 1; MaxCapacity = 6000 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '5000' }
        @{ Cmdlet = 'Set-EcsServiceScalingX'; Case = 'a negative minimum'; Arguments = @{ ServiceName = 'web'; MinCapacity = -1; MaxCapacity = 2 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum allowed range of 0' }
        @{ Cmdlet = 'Set-EcsServiceScalingX'; Case = 'a CPU target of 150 percent'; Arguments = @{ ServiceName = 'web'; MinCapacity = 1; MaxCapacity = 2; TargetCpuPercent = 150 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '100' }
        @{ Cmdlet = 'Set-EcsServiceScalingX'; Case = 'a memory target of 0 percent'; Arguments = @{ ServiceName = 'web'; MinCapacity = 1; MaxCapacity = 2; TargetMemoryPercent = 0 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum allowed range of 1' }
        @{ Cmdlet = 'Set-EcsServiceScalingX'; Case = 'a negative cooldown'; Arguments = @{ ServiceName = 'web'; MinCapacity = 1; MaxCapacity = 2; TargetCpuPercent = 50; ScaleInCooldown = -5 }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = 'outside the allowed range' }
        @{ Cmdlet = 'Set-EcsServiceScalingX'; Case = 'a cooldown without a target'; Arguments = @{ ServiceName = 'web'; MinCapacity = 1; MaxCapacity = 2; ScaleOutCooldown = 60 }
            ErrorId = 'PolicySettingWithoutTarget'; Category = 'InvalidArgument'; Message = 'settings of target tracking policies' }
        @{ Cmdlet = 'Set-EcsServiceScalingX'; Case = 'a policy name with a colon'; Arguments = @{ ServiceName = 'web'; MinCapacity = 1; MaxCapacity = 2; TargetCpuPercent = 50; PolicyName = 'web:cpu' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "without ':', '/' or '|'" }
        @{ Cmdlet = 'Set-EcsServiceScalingX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b'; MinCapacity = 1; MaxCapacity = 2 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }

        # ---- Get-EcsServiceScalingX -----------------------------------------------------------
        @{ Cmdlet = 'Get-EcsServiceScalingX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Get-EcsServiceScalingX'; Case = 'a cluster name with a slash'; Arguments = @{ Cluster = 'prod/eu' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a valid cluster name' }
        @{ Cmdlet = 'Get-EcsServiceScalingX'; Case = 'the ARN of a task definition as a service'; Arguments = @{ ServiceName = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'not of a service' }

        # ---- Remove-EcsServiceScalingX --------------------------------------------------------
        @{ Cmdlet = 'Remove-EcsServiceScalingX'; Case = 'a wildcard (Remove takes exact names)'; Arguments = @{ ServiceName = 'web-*'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Remove-EcsServiceScalingX'; Case = 'a cluster name with a space'; Arguments = @{ ServiceName = 'web'; Cluster = 'my cluster'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a valid cluster name' }
        @{ Cmdlet = 'Remove-EcsServiceScalingX'; Case = 'the ARN of a task as a service'; Arguments = @{ ServiceName = 'arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'not of a service' }

        # ---- Get-EcsServiceScalingActivityX ---------------------------------------------------
        @{ Cmdlet = 'Get-EcsServiceScalingActivityX'; Case = '-Since yesterdayish'; Arguments = @{ ServiceName = 'web'; Since = 'yesterdayish' }
            ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Message = @('neither a duration nor a date', "'2h'") }
        @{ Cmdlet = 'Get-EcsServiceScalingActivityX'; Case = '-MaxRecords 0'; Arguments = @{ ServiceName = 'web'; MaxRecords = 0 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'minimum allowed range of 1' }
        @{ Cmdlet = 'Get-EcsServiceScalingActivityX'; Case = 'a service name with a dot'; Arguments = @{ ServiceName = 'web.prod' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }

        # ---- Add-EcsServiceScheduledScalingX --------------------------------------------------
        @{ Cmdlet = 'Add-EcsServiceScheduledScalingX'; Case = 'a cron of five fields'; Arguments = @{ ServiceName = 'web'; Name = 'night'; Schedule = 'cron(0 22 * * ?)'; MinCapacity = 1 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('is not a schedule expression', 'cron(0 22 * * ? *)') }
        @{ Cmdlet = 'Add-EcsServiceScheduledScalingX'; Case = 'rate(1 hours)'; Arguments = @{ ServiceName = 'web'; Name = 'often'; Schedule = 'rate(1 hours)'; MinCapacity = 1 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'rate(1 hour)' }
        @{ Cmdlet = 'Add-EcsServiceScheduledScalingX'; Case = 'an at() of February 30'; Arguments = @{ ServiceName = 'web'; Name = 'once'; Schedule = 'at(2026-02-30T08:00:00)'; MinCapacity = 1 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'names no real date and time' }
        @{ Cmdlet = 'Add-EcsServiceScheduledScalingX'; Case = 'a made-up time zone'; Arguments = @{ ServiceName = 'web'; Name = 'night'; Schedule = 'cron(0 22 * * ? *)'; MinCapacity = 1; TimeZone = 'Europe/Atlantis' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'IANA time zone name' }
        @{ Cmdlet = 'Add-EcsServiceScheduledScalingX'; Case = 'no capacity at all'; Arguments = @{ ServiceName = 'web'; Name = 'night'; Schedule = 'cron(0 22 * * ? *)' }
            ErrorId = 'NoCapacityGiven'; Category = 'InvalidArgument'; Message = 'Give -MinCapacity, -MaxCapacity or both' }
        @{ Cmdlet = 'Add-EcsServiceScheduledScalingX'; Case = 'a minimum above the maximum'; Arguments = @{ ServiceName = 'web'; Name = 'night'; Schedule = 'cron(0 22 * * ? *)'; MinCapacity = 4; MaxCapacity = 2 }
            ErrorId = 'MinAboveMax'; Category = 'InvalidArgument'; Message = 'the minimum must be at most the maximum' }
        @{ Cmdlet = 'Add-EcsServiceScheduledScalingX'; Case = 'a name with a slash'; Arguments = @{ ServiceName = 'web'; Name = 'night/weekend'; Schedule = 'cron(0 22 * * ? *)'; MinCapacity = 1 }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'is not a valid scheduled action name' }

        # ---- Remove-EcsServiceScheduledScalingX -----------------------------------------------
        @{ Cmdlet = 'Remove-EcsServiceScheduledScalingX'; Case = 'a name with a pipe'; Arguments = @{ ServiceName = 'web'; Name = 'a|b'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = "without ':', '/' or '|'" }
        @{ Cmdlet = 'Remove-EcsServiceScheduledScalingX'; Case = 'a name with a space at the end'; Arguments = @{ ServiceName = 'web'; Name = 'night '; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'without spaces at either end' }
        @{ Cmdlet = 'Remove-EcsServiceScheduledScalingX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b'; Name = 'night'; Force = $true }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        # ---- Undo-EcsServiceDeploymentX -------------------------------------------------------
        @{ Cmdlet = 'Undo-EcsServiceDeploymentX'; Case = 'a -ToRevision without a revision number'; Arguments = @{ ServiceName = 'web'; ToRevision = 'web' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = @('family:revision', 'revision number') }
        @{ Cmdlet = 'Undo-EcsServiceDeploymentX'; Case = 'a -ToRevision of revision 0'; Arguments = @{ ServiceName = 'web'; ToRevision = 'web:0' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'family:revision (web:11)' }
        @{ Cmdlet = 'Undo-EcsServiceDeploymentX'; Case = 'a negative bare revision'; Arguments = @{ ServiceName = 'web'; ToRevision = '-3' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'revision number of the service' }
        @{ Cmdlet = 'Undo-EcsServiceDeploymentX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'my web'; ToRevision = '3' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Undo-EcsServiceDeploymentX'; Case = 'a cluster name with a slash'; Arguments = @{ ServiceName = 'web'; Cluster = 'a/b' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }

        # ---- Test-EcsTaskDefinitionX ----------------------------------------------------------
        @{ Cmdlet = 'Test-EcsTaskDefinitionX'; Case = 'revision 0'; Arguments = @{ TaskDefinition = 'web:0' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'family:revision such as web:3, or an ARN' }
        @{ Cmdlet = 'Test-EcsTaskDefinitionX'; Case = 'the ARN of a service'; Arguments = @{ TaskDefinition = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'One looks like arn:aws:ecs:us-east-1:123456789012:task-definition/web:3' }
        @{ Cmdlet = 'Test-EcsTaskDefinitionX'; Case = 'an empty file'; Arguments = @{ Path = '__FILE__' }; File = ''; Target = '__FILE__'
            ErrorId = 'InvalidTaskDefinitionJson'; Category = 'InvalidData'; Message = @('not valid JSON', 'line 1') }
        @{ Cmdlet = 'Test-EcsTaskDefinitionX'; Case = 'a file that is not there'; Arguments = @{ Path = '__NOFILE__' }; Target = '__NOFILE__'
            ErrorId = 'TaskDefinitionFileNotFound'; Category = 'ObjectNotFound'; Message = 'does not exist' }

        # ---- Test-EcsServiceX -----------------------------------------------------------------
        @{ Cmdlet = 'Test-EcsServiceX'; Case = 'a service name with a space'; Arguments = @{ ServiceName = 'a b' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
        @{ Cmdlet = 'Test-EcsServiceX'; Case = 'revision 0 as the candidate'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:0' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'family:revision such as web:3, or an ARN' }
        @{ Cmdlet = 'Test-EcsServiceX'; Case = '-TaskDefinition and -Image together'; Arguments = @{ ServiceName = 'web'; TaskDefinition = 'web:3'; Image = @{ web = 'nginx:1.27' } }
            ErrorId = 'TaskDefinitionAndImage'; Category = 'InvalidArgument'; Message = 'Give -TaskDefinition or -Image, not both' }
        # ---- Compare-EcsTaskDefinitionX -------------------------------------------------------
        @{ Cmdlet = 'Compare-EcsTaskDefinitionX'; Case = 'a revision 0'; Arguments = @{ ReferenceObject = 'web:0'; DifferenceObject = 'web:1' }; Target = 'web:0'
            ErrorId = 'InvalidTaskDefinitionReference'; Category = 'InvalidArgument'; Message = @("'web:0' is not a task definition", 'family:revision such as web:3', 'path to a JSON file') }
        @{ Cmdlet = 'Compare-EcsTaskDefinitionX'; Case = 'a reference file that does not exist'; Arguments = @{ ReferenceObject = '__NOFILE__'; DifferenceObject = 'web:1' }; Target = '__NOFILE__'
            ErrorId = 'TaskDefinitionFileNotFound'; Category = 'ObjectNotFound'; Message = @('-ReferenceObject', 'does not exist') }
        @{ Cmdlet = 'Compare-EcsTaskDefinitionX'; Case = 'a difference file that is not JSON'; Arguments = @{ ReferenceObject = 'web:1'; DifferenceObject = '__FILE__' }; File = 'family: web'; Target = '__FILE__'
            ErrorId = 'InvalidTaskDefinitionJson'; Category = 'InvalidData'; Message = 'not valid JSON' }
        @{ Cmdlet = 'Compare-EcsTaskDefinitionX'; Case = 'both -Image and -TaskDefinition for a service'; Arguments = @{ ServiceName = 'web'; Image = @{ web = 'nginx:1' }; TaskDefinition = 'web:2' }
            ErrorId = 'AmbiguousParameterSet'; Category = 'InvalidArgument'; Message = 'Parameter set cannot be resolved' }
        @{ Cmdlet = 'Compare-EcsTaskDefinitionX'; Case = '-Cluster with two task definitions'; Arguments = @{ ReferenceObject = 'web:1'; DifferenceObject = 'web:2'; Cluster = 'prod' }
            ErrorId = 'ClusterWithoutService'; Category = 'InvalidArgument'; Message = '-Cluster goes with -ServiceName' }
        @{ Cmdlet = 'Compare-EcsTaskDefinitionX'; Case = 'a service -Path that does not exist'; Arguments = @{ ServiceName = 'web'; Path = '__NOFILE__' }; Target = '__NOFILE__'
            ErrorId = 'TaskDefinitionFileNotFound'; Category = 'ObjectNotFound'; Message = 'does not exist' }

        # ---- Get-EcsMetricX -------------------------------------------------------------------
        @{ Cmdlet = 'Get-EcsMetricX'; Case = 'a period that is no multiple of a minute'; Arguments = @{ Cluster = 'prod'; Period = 45 }
            ErrorId = 'InvalidMetricPeriod'; Category = 'InvalidArgument'; Message = @('multiple of 60 seconds', '1, 5, 10 or 30 seconds') }
        @{ Cmdlet = 'Get-EcsMetricX'; Case = 'a period that is not a duration'; Arguments = @{ Cluster = 'prod'; Period = 'often' }
            ErrorId = 'InvalidMetricPeriod'; Category = 'InvalidArgument'; Message = "give '5m', '1m', '1h'" }
        @{ Cmdlet = 'Get-EcsMetricX'; Case = '-Since beyond the 455 days CloudWatch keeps'; Arguments = @{ Cluster = 'prod'; Since = '500d'; Period = '1h' }
            ErrorId = 'InvalidMetricTimeRange'; Category = 'InvalidArgument'; Message = @('455 days', '15 months') }
        @{ Cmdlet = 'Get-EcsMetricX'; Case = '-Since after -Until'; Arguments = @{ Cluster = 'prod'; Since = '1h'; Until = '2h' }
            ErrorId = 'InvalidMetricTimeRange'; Category = 'InvalidArgument'; Message = 'not before -Until' }
        @{ Cmdlet = 'Get-EcsMetricX'; Case = 'more than 100,800 periods'; Arguments = @{ Cluster = 'prod'; Since = '2d'; Period = 1 }
            ErrorId = 'InvalidMetricTimeRange'; Category = 'InvalidArgument'; Message = @('100,800 datapoints', 'longer -Period') }
        @{ Cmdlet = 'Get-EcsMetricX'; Case = 'a statistic CloudWatch does not compute'; Arguments = @{ Cluster = 'prod'; Statistic = 'median' }
            ErrorId = 'InvalidMetricStatistic'; Category = 'InvalidArgument'; Message = @('Average, Minimum, Maximum, Sum, SampleCount', 'p90') }
        @{ Cmdlet = 'Get-EcsMetricX'; Case = 'a metric name with a space'; Arguments = @{ Cluster = 'prod'; Metric = 'cpu use' }
            ErrorId = 'InvalidMetricName'; Category = 'InvalidArgument'; Message = 'CPUUtilization, MemoryUtilization' }
        @{ Cmdlet = 'Get-EcsMetricX'; Case = '-Since that is not a time'; Arguments = @{ Cluster = 'prod'; Since = 'yesterdayish' }
            ErrorId = 'InvalidMetricTimeRange'; Category = 'InvalidArgument'; Message = "a duration ago ('90m', '3h', '7d')" }
        @{ Cmdlet = 'Get-EcsMetricX'; Case = 'an unknown namespace'; Arguments = @{ Cluster = 'prod'; Namespace = 'AWS/EC2' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'ContainerInsights' }
        @{ Cmdlet = 'Get-EcsMetricX'; Case = 'a service name with a space'; Arguments = @{ Cluster = 'prod'; ServiceName = 'my web' }
            ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '1 to 255 letters' }
    )
}
