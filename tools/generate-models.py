#!/usr/bin/env python3
"""Generates the Engine's model classes and client methods for each AWS service from botocore.

Why generated: the models must carry each service's exact member names, types and serialisation
rules, and the services have hundreds of shapes; writing them by hand invites silent typos (a
misspelled member is dropped by the service or by our reader without a word). The output is
committed; rerun this after a botocore upgrade or an edit of an operation list, and review the
diff:

    python3 tools/generate-models.py                  # every service in tools/services/
    python3 tools/generate-models.py --service elbv2  # one service
    python3 tools/generate-models.py --check          # exit 1 if a committed file is out of date

Each service has an operation list, tools/services/<botocore name>.json. The operations' inputs
and outputs, and every shape they reach, become classes in
src/EcsPS.Engine/Services/<Name>/Model/<Name>Model.g.cs; the operations become methods of
<Name>Client in src/EcsPS.Engine/Services/<Name>/<Name>Client.g.cs, beside the service's
descriptor (protocol, signing name, endpoint prefix, API version, JSON target prefix).

Hand-written additions (constructors, ToString, computed properties, paging and batching
helpers) live in partial classes beside the generated files, never in them.

What the transport needs to know of each operation is generated too (AwsOperation's arguments):
- whether it may be sent again after its answer was lost. Read-only and idempotent operations
  (botocore's "readonly"/"idempotent" traits) and operations with an idempotency token may be;
  an operation whose name says it makes something (Create..., Register..., Run..., Put...) must be
  listed in the service file's "resend": "atMostOnce" (never sent twice: a lost answer is
  reconciled or reported as an unknown outcome) or "safe" (with the reason a repeat cannot make a
  second one), so that nobody adds such an operation without deciding;
- its idempotency token member: botocore's idempotencyToken trait, or the service file's
  "idempotencyTokens" where the API documents a token that the model does not mark;
- the service's client-side rate limit for it: the service file's "rateLimits", token buckets
  (burst, refill per second) as the service documents its own throttling.
"""
import argparse
import difflib
import gzip
import json
import os
import sys

import botocore

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
SERVICES_DIR = os.path.join(ROOT, 'tools', 'services')
ENGINE_DIR = os.path.join(ROOT, 'src', 'EcsPS.Engine', 'Services')

# The wire protocols the Engine speaks, in the order it prefers them when a model lists several.
PROTOCOLS = {'json': 'Json', 'query': 'Query'}

SCALARS = {
    'string': 'string',
    'integer': 'int?',
    'long': 'long?',
    'boolean': 'bool?',
    'double': 'double?',
    'float': 'float?',
    'timestamp': 'System.DateTime?',
    'blob': 'byte[]',
}

# What a service's "endpoints" may say where its hosts differ from {endpointPrefix}[-fips]
# (ServiceDescriptor's parameters of the same names; the endpoint tests hold them to botocore's
# endpoint rules for every region).
ENDPOINT_KEYS = ('fipsHost', 'dualStackHost', 'fipsDualStackHost', 'fipsOnStandardHostRegions', 'fipsDualStackOnStandardHostRegions')

# Operation names that say the call makes something new: such an operation must say in its service
# file whether it may be sent twice (see the module docstring).
CREATING_VERBS = ('Create', 'Register', 'Run', 'Start', 'Put', 'Submit', 'Copy', 'Import', 'Allocate', 'Request', 'Send', 'Publish')

# The timestamp format each protocol uses when a member does not name one.
DEFAULT_TIMESTAMP = {'json': 'unixTimestamp', 'query': 'iso8601'}


class GeneratorError(Exception):
    pass


def load_config(path):
    with open(path) as f:
        config = json.load(f)
    for key in ('botocore', 'apiVersion', 'name', 'title', 'operations'):
        if key not in config:
            raise GeneratorError('%s has no "%s"' % (path, key))
    return config


def load_model(service, api_version):
    base = os.path.join(os.path.dirname(botocore.__file__), 'data', service, api_version)
    plain = os.path.join(base, 'service-2.json')
    if os.path.exists(plain):
        with open(plain) as f:
            return json.load(f)
    if os.path.exists(plain + '.gz'):
        with gzip.open(plain + '.gz') as f:
            return json.load(f)
    raise GeneratorError('botocore %s has no model for %s %s' % (botocore.__version__, service, api_version))


def pascal(name):
    return name[:1].upper() + name[1:]


def pick_protocol(metadata):
    offered = metadata.get('protocols') or [metadata['protocol']]
    for protocol in offered:
        if protocol in PROTOCOLS:
            return protocol
    raise GeneratorError('the model offers %s; the Engine speaks %s' % (offered, ', '.join(PROTOCOLS)))


def cs_string(value):
    return '"%s"' % value.replace('\\', '\\\\').replace('"', '\\"')


class Service:
    def __init__(self, config, model):
        self.config = config
        self.model = model
        self.shapes = model['shapes']
        self.metadata = model['metadata']
        self.protocol = pick_protocol(self.metadata)
        self.name = config['name']
        self.namespace = 'EcsPS.Engine.' + self.name
        self.client = self.name + 'Client'
        self.class_names = {}
        self.wanted = []
        self._collect()
        self.tokens = self._idempotency_tokens()
        self.rate_limits, self.rate_limit_of = self._rate_limits()
        self.at_most_once = self._resend_rules()

    # ---- which shapes, under which class names -----------------------------------------

    def _collect(self):
        operations = self.model['operations']
        for op in self.config['operations']:
            if op not in operations:
                raise GeneratorError('%s has no operation %s' % (self.config['botocore'], op))
        referenced = {}
        for shape in self.shapes.values():
            for ref in self._refs(shape):
                referenced[ref] = referenced.get(ref, 0) + 1
        # Operation inputs and outputs get the AWS SDK's names, <Op>Request and <Op>Response,
        # whatever the model calls them (ELBv2 says DescribeTargetGroupsInput).
        for op in self.config['operations']:
            for io, suffix in (('input', 'Request'), ('output', 'Response')):
                ref = operations[op].get(io)
                if ref is None:
                    continue
                name = ref['shape']
                if referenced.get(name):
                    raise GeneratorError('%s of %s (%s) is also a member elsewhere; give it one class name' % (io, op, name))
                self.class_names[name] = op + suffix
        taken = set()
        # An operation without an input or output shape (CreateLogGroup answers nothing) still
        # gets a class, so that every client method has the same form.
        self.empty = []
        for op in self.config['operations']:
            for io, suffix in (('input', 'Request'), ('output', 'Response')):
                ref = operations[op].get(io)
                if ref is not None:
                    self._visit(ref['shape'])
                else:
                    self.empty.append(op + suffix)
        for name in self.wanted + self.empty:
            cls = self.class_name(name)
            if cls in taken:
                raise GeneratorError('two shapes would both become class %s' % cls)
            taken.add(cls)

    # ---- what the transport needs to know of each operation ----------------------------

    def _member_of(self, op, member_name):
        ref = self.model['operations'][op].get('input')
        members = self.shapes[ref['shape']].get('members', {}) if ref else {}
        return members.get(member_name)

    def _idempotency_tokens(self):
        """Operation -> the C# property of its idempotency token (botocore's trait, or the
        service file's "idempotencyTokens" for tokens the API documents but the model does not mark)."""
        tokens = {}
        declared = self.config.get('idempotencyTokens', {})
        for op in self.config['operations']:
            ref = self.model['operations'][op].get('input')
            members = self.shapes[ref['shape']].get('members', {}) if ref else {}
            marked = [name for name, m in members.items() if m.get('idempotencyToken')]
            if len(marked) > 1:
                raise GeneratorError('%s has %d idempotency tokens; the Engine fills one' % (op, len(marked)))
            if marked:
                tokens[op] = pascal(marked[0])
        for op, member_name in declared.items():
            if op not in self.config['operations']:
                raise GeneratorError('idempotencyTokens names %s, which is not in the operation list' % op)
            member = self._member_of(op, member_name)
            if member is None or self.shapes[member['shape']]['type'] != 'string':
                raise GeneratorError('idempotencyTokens: %s has no string member %s' % (op, member_name))
            if op in tokens:
                raise GeneratorError('idempotencyTokens: botocore already marks %s.%s; remove it from the service file' % (op, member_name))
            tokens[op] = pascal(member_name)
        return tokens

    def _rate_limits(self):
        """The service's token buckets: [(field name, label, burst, per second)] and operation -> field."""
        limits, of = [], {}
        for label, bucket in self.config.get('rateLimits', {}).items():
            if label.startswith('_'):
                continue  # a comment
            for key in ('burst', 'perSecond', 'operations'):
                if key not in bucket:
                    raise GeneratorError('rateLimits "%s" has no "%s"' % (label, key))
            field = ''.join(pascal(w) for w in label.replace('-', ' ').split()) + 'Limit'
            limits.append((field, label, bucket['burst'], bucket['perSecond']))
            for op in bucket['operations']:
                if op not in self.config['operations']:
                    raise GeneratorError('rateLimits "%s" names %s, which is not in the operation list' % (label, op))
                if op in of:
                    raise GeneratorError('%s is in two rateLimits' % op)
                of[op] = field
        return limits, of

    def _resend_rules(self):
        """The operations that are never sent twice. Every operation whose name says it makes
        something, and that botocore does not mark idempotent or give a token, must be decided."""
        resend = self.config.get('resend', {})
        unknown = sorted(set(resend) - {'atMostOnce', 'safe'})
        if unknown:
            raise GeneratorError('resend: unknown key(s) %s; known: atMostOnce, safe' % ', '.join(unknown))
        at_most_once, safe = resend.get('atMostOnce', {}), resend.get('safe', {})
        for op in list(at_most_once) + list(safe):
            if op not in self.config['operations']:
                raise GeneratorError('resend names %s, which is not in the operation list' % op)
            if op in at_most_once and op in safe:
                raise GeneratorError('resend lists %s as both atMostOnce and safe' % op)
            if op in self.tokens:
                raise GeneratorError('resend lists %s, whose idempotency token already makes it safe to send again' % op)
            reason = (at_most_once.get(op) or safe.get(op) or '').strip()
            if not reason:
                raise GeneratorError('resend: say why for %s' % op)
        for op in self.config['operations']:
            traits = self.model['operations'][op]
            decided = traits.get('readonly') or traits.get('idempotent') or op in self.tokens or op in at_most_once or op in safe
            if not decided and op.startswith(CREATING_VERBS):
                raise GeneratorError(
                    '%s makes something and has no idempotency token: list it in tools/services/%s.json under '
                    '"resend": "atMostOnce" (never sent twice) or "safe" (with the reason a repeat cannot make a second one)'
                    % (op, self.config['botocore']))
        return set(at_most_once)

    def operation_arguments(self, op):
        operation = self.model['operations'][op]
        args = [cs_string(op)]
        wrapper = operation.get('output', {}).get('resultWrapper')
        if wrapper and self.protocol == 'query':
            args.append('resultWrapper: %s' % cs_string(wrapper))
        if op in self.at_most_once:
            args.append('resend: ResendSafety.AtMostOnce')
        if op in self.tokens:
            args.append('idempotencyToken: %s' % cs_string(self.tokens[op]))
        if op in self.rate_limit_of:
            args.append('rateLimit: %s' % self.rate_limit_of[op])
        return ', '.join(args)

    def _refs(self, shape):
        kind = shape['type']
        if kind == 'structure':
            return [m['shape'] for m in shape.get('members', {}).values()]
        if kind == 'list':
            return [shape['member']['shape']]
        if kind == 'map':
            return [shape['key']['shape'], shape['value']['shape']]
        return []

    def _visit(self, name, seen=None):
        if name in self.wanted:
            return
        shape = self.shapes[name]
        kind = shape['type']
        for trait in ('eventstream', 'streaming'):
            if shape.get(trait):
                raise GeneratorError('shape %s is a %s, which the Engine does not speak' % (name, trait))
        if kind == 'structure':
            if shape.get('exception') or shape.get('document'):
                return
            self.wanted.append(name)
            for member in shape.get('members', {}).values():
                self._visit(member['shape'])
        elif kind in ('list', 'map'):
            for ref in self._refs(shape):
                self._visit(ref)

    def class_name(self, shape_name):
        return self.class_names.get(shape_name, shape_name)

    # ---- C# types and attributes -------------------------------------------------------

    def cs_type(self, name):
        shape = self.shapes[name]
        kind = shape['type']
        if kind == 'structure':
            # A document holds any JSON the caller sends; it has no members to model.
            return 'System.Text.Json.Nodes.JsonNode' if shape.get('document') else self.class_name(name)
        if kind == 'list':
            return 'System.Collections.Generic.List<%s>' % self.cs_type(shape['member']['shape']).rstrip('?')
        if kind == 'map':
            return 'System.Collections.Generic.Dictionary<%s, %s>' % (
                self.cs_type(shape['key']['shape']).rstrip('?'), self.cs_type(shape['value']['shape']).rstrip('?'))
        return SCALARS[kind]

    def member_attributes(self, owner, member_name, member):
        target = self.shapes[member['shape']]
        lines = []
        if 'enum' in target:
            lines.append('[ModelEnum(%s)]' % ', '.join(cs_string(v) for v in target['enum']))
        if target['type'] == 'list' and 'enum' in self.shapes[target['member']['shape']]:
            lines.append('[ModelEnum(%s)]' % ', '.join(cs_string(v) for v in self.shapes[target['member']['shape']]['enum']))
        if member_name in self.shapes[owner].get('required', []):
            lines.append('[ModelRequired]')
        fmt = member.get('timestampFormat') or target.get('timestampFormat')
        if target['type'] == 'timestamp' and fmt and fmt != DEFAULT_TIMESTAMP[self.protocol]:
            raise GeneratorError('%s.%s uses timestamp format %s; the %s protocol here writes %s' % (
                owner, member_name, fmt, self.protocol, DEFAULT_TIMESTAMP[self.protocol]))
        lines.append('[JsonPropertyName(%s)]' % cs_string(member_name))
        location = member.get('locationName')
        if self.protocol == 'json':
            if location and location != member_name:
                raise GeneratorError('%s.%s is sent as %s; the JSON protocol code writes member names only' % (owner, member_name, location))
        else:
            lines.extend(self.query_attributes(owner, member_name, member, target))
        return lines

    def query_attributes(self, owner, member_name, member, target):
        """Only what differs from the Query defaults: the member name, '.member.N' lists and
        '.entry.N.key/value' maps."""
        lines = []
        location = member.get('locationName')
        if location and location != member_name:
            lines.append('[WireName(%s)]' % cs_string(location))
        if target['type'] == 'list':
            item = target['member']
            item_name = item.get('locationName', 'member')
            if self.shapes[item['shape']]['type'] in ('list', 'map') and (
                    target.get('flattened') or item_name != 'member'):
                raise GeneratorError('%s.%s is a list of lists or maps with custom names; not supported' % (owner, member_name))
            if target.get('flattened') or item_name != 'member':
                lines.append('[QueryList(%s, Flattened = %s)]' % (cs_string(item_name), 'true' if target.get('flattened') else 'false'))
        elif target['type'] == 'map':
            key = target['key'].get('locationName', 'key')
            value = target['value'].get('locationName', 'value')
            if target.get('flattened') or key != 'key' or value != 'value':
                lines.append('[QueryMap(%s, %s, Flattened = %s)]' % (cs_string(key), cs_string(value), 'true' if target.get('flattened') else 'false'))
        return lines

    # ---- output ------------------------------------------------------------------------

    def header(self, what):
        return [
            '// <auto-generated>',
            '// Generated by tools/generate-models.py from botocore\'s %s %s service model (botocore %s):' % (
                self.config['botocore'], self.config['apiVersion'], botocore.__version__),
            '// %s. Do not edit: change tools/services/%s.json and regenerate;' % (what, self.config['botocore']),
            '// hand-written members go in a partial class beside this file.',
            '// </auto-generated>',
            '#nullable disable',
        ]

    def models_file(self):
        lines = self.header('the shapes of the operations EcsPS uses') + [
            'using System.Text.Json.Serialization;',
            'using EcsPS.Engine.Runtime;',
            '',
            'namespace %s.Model' % self.namespace,
            '{',
        ]
        for name in sorted(self.wanted + self.empty, key=self.class_name):
            cls = self.class_name(name)
            shape = self.shapes.get(name, {}) if name not in self.empty else {}
            lines.append('    public sealed partial class %s' % cls)
            lines.append('    {')
            for member_name, member in shape.get('members', {}).items():
                for attribute in self.member_attributes(name, member_name, member):
                    lines.append('        ' + attribute)
                prop = pascal(member_name)
                if prop == cls:
                    # C# forbids a member named like its class; the SDK uses the same suffix.
                    prop += 'Value'
                lines.append('        public %s %s { get; set; }' % (self.cs_type(member['shape']), prop))
            lines.append('    }')
            lines.append('')
        lines[-1] = '}'
        return '\n'.join(lines) + '\n'

    def descriptor(self):
        md = self.metadata
        endpoint_prefix = md['endpointPrefix']
        signing = md.get('signingName') or endpoint_prefix
        args = [
            'serviceId: %s' % cs_string(md['serviceId']),
            'protocol: WireProtocol.%s' % PROTOCOLS[self.protocol],
            'signingName: %s' % cs_string(signing),
            'endpointPrefix: %s' % cs_string(endpoint_prefix),
            'apiVersion: %s' % cs_string(md['apiVersion']),
        ]
        if self.protocol == 'json':
            args.append('jsonVersion: %s' % cs_string(md.get('jsonVersion', '1.0')))
            args.append('targetPrefix: %s' % cs_string(md['targetPrefix']))
        extra = self.config.get('endpoints', {})
        unknown = sorted(set(extra) - set(ENDPOINT_KEYS))
        if unknown:
            raise GeneratorError('%s: unknown endpoints key(s) %s; known: %s' % (
                self.config['botocore'], ', '.join(unknown), ', '.join(ENDPOINT_KEYS)))
        for key in ENDPOINT_KEYS:
            if key not in extra:
                continue
            value = extra[key]
            if isinstance(value, list):
                args.append('%s: new[] { %s }' % (key, ', '.join(cs_string(v) for v in value)))
            else:
                args.append('%s: %s' % (key, cs_string(value)))
        return args

    def client_file(self):
        operations = self.model['operations']
        lines = self.header('one method per operation in the list') + [
            'using System.Threading;',
            'using %s.Model;' % self.namespace,
            'using EcsPS.Engine.Runtime;',
            '',
            'namespace %s' % self.namespace,
            '{',
            '    /// <summary>%s (%s %s, %s).</summary>' % (
                self.config['title'], self.config['botocore'], self.config['apiVersion'], PROTOCOLS[self.protocol]),
            '    public sealed partial class %s : AwsClient' % self.client,
            '    {',
            '        /// <summary>How %s is spoken on the wire.</summary>' % self.metadata['serviceId'],
            '        public static ServiceDescriptor Descriptor { get; } = new ServiceDescriptor(',
        ]
        args = self.descriptor()
        for i, arg in enumerate(args):
            lines.append('            %s%s' % (arg, ',' if i < len(args) - 1 else ');'))
        lines += [
            '',
            '        public %s(AwsConnectionOptions options, IEngineLog log)' % self.client,
            '            : base(Descriptor, options, log)',
            '        {',
            '        }',
        ]
        if self.rate_limits:
            lines += ['', '        // The service\'s throttling token buckets (tools/services/%s.json "rateLimits"); declared' % self.config['botocore'],
                      '        // before the operations, whose initializers read them.']
            for field, label, burst, per_second in self.rate_limits:
                lines.append('        private static readonly RateLimit %s = new RateLimit(%s, burst: %s, perSecond: %s);' % (
                    field, cs_string(label), burst, per_second))
        for op in self.config['operations']:
            operation = operations[op]
            request, response = op + 'Request', op + 'Response'
            wrapper = operation.get('output', {}).get('resultWrapper')
            if self.protocol == 'query' and 'output' in operation and not wrapper:
                raise GeneratorError('%s has no resultWrapper, which Query answers with members need' % op)
            lines += [
                '',
                '        private static readonly AwsOperation %sOperation = new AwsOperation(%s);' % (
                    op, self.operation_arguments(op)),
                '',
                '        public %s %s(%s request, CancellationToken cancellationToken)' % (response, op, request),
                '            => Invoke<%s>(%sOperation, request, cancellationToken);' % (response, op),
            ]
        lines += ['    }', '}']
        return '\n'.join(lines) + '\n'

    def outputs(self):
        folder = os.path.join(ENGINE_DIR, self.name)
        return {
            os.path.join(folder, 'Model', self.name + 'Model.g.cs'): self.models_file(),
            os.path.join(folder, self.client + '.g.cs'): self.client_file(),
        }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--service', action='append', help='botocore service name (default: every file in tools/services)')
    parser.add_argument('--check', action='store_true', help='write nothing; exit 1 when a generated file differs')
    args = parser.parse_args(argv)

    names = args.service or sorted(os.path.splitext(f)[0] for f in os.listdir(SERVICES_DIR) if f.endswith('.json'))
    stale = []
    for name in names:
        path = os.path.join(SERVICES_DIR, name + '.json')
        if not os.path.exists(path):
            raise GeneratorError('no operation list %s' % os.path.relpath(path, ROOT))
        config = load_config(path)
        service = Service(config, load_model(config['botocore'], config['apiVersion']))
        for target, text in service.outputs().items():
            relative = os.path.relpath(target, ROOT)
            current = None
            if os.path.exists(target):
                with open(target, newline='') as f:
                    current = f.read()
            if args.check:
                if current != text:
                    stale.append(relative)
                    diff = difflib.unified_diff((current or '').splitlines(), text.splitlines(),
                                                'committed/' + relative, 'generated/' + relative, lineterm='', n=1)
                    print('\n'.join(list(diff)[:40]))
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, 'w', newline='\n') as f:
                f.write(text)
            print('%s %s' % ('unchanged' if current == text else 'wrote', relative))
    if stale:
        print('out of date: %s. Run python3 tools/generate-models.py and commit the result.' % ', '.join(stale))
        return 1
    if args.check:
        print('%d service(s) up to date with botocore %s' % (len(names), botocore.__version__))
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except GeneratorError as error:
        print('generate-models: %s' % error, file=sys.stderr)
        sys.exit(2)
