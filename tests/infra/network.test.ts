/**
 * The VPC option (infra/aws/network.ts): with context, the department callers, and only they, run in private
 * subnets with the endpoints they need; without it, no VPC at all. No lookups either way.
 */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DEPARTMENT_CALLERS } from '../../infra/aws/network.ts';
import { RetireOneStack } from '../../infra/aws/retireone-stack.ts';
import { allows, asArray, logicalId, refId, roleStatements, synth, TEST_CONTEXT, type Synth } from './support/synth.ts';

const IMPORTED = {
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  subnetIds: 'subnet-0aaa1111bbbb22223,subnet-0ccc3333dddd44445',
  routeTableIds: 'rtb-0aaa1111bbbb22223,rtb-0ccc3333dddd44445',
  availabilityZones: 'ap-east-1a,ap-east-1b',
};

const ofType = (s: Synth, type: string) => Object.entries(s.json.Resources).filter(([, r]) => r.Type === type);
const functionOf = (s: Synth, name: string) => {
  const [kind, module] = name.split('/') as [string, string];
  const byKind = { api: s.stack.functions.api, steps: s.stack.functions.steps, sms: s.stack.functions.sms } as Record<string, Map<string, unknown>>;
  return s.json.Resources[logicalId(byKind[kind]!.get(module) as never)]!;
};

describe('without VPC context', () => {
  it('has no VPC, no endpoint and no function in a VPC', () => {
    const s = synth();
    expect(ofType(s, 'AWS::EC2::VPC')).toEqual([]);
    expect(ofType(s, 'AWS::EC2::VPCEndpoint')).toEqual([]);
    expect(ofType(s, 'AWS::Lambda::Function').filter(([, f]) => f.Properties.VpcConfig)).toEqual([]);
  });
});

for (const [label, context] of [
  ['vpc=create', { vpc: 'create' }],
  ['an existing VPC (vpcId, subnetIds, routeTableIds, availabilityZones)', IMPORTED],
] as const) {
  describe(`with ${label}`, () => {
    const s = synth(context);
    const group = logicalId(s.stack.network!.functionsGroup);
    const endpoints = logicalId(s.stack.network!.endpointsGroup);

    it('puts every department caller, and no other function, in the private subnets with the callers’ group', () => {
      const inVpc = ofType(s, 'AWS::Lambda::Function').filter(([, f]) => f.Properties.VpcConfig);
      expect(inVpc).toHaveLength(DEPARTMENT_CALLERS.length);
      for (const name of DEPARTMENT_CALLERS) {
        const vpc = functionOf(s, name).Properties.VpcConfig;
        expect(vpc, name).toBeDefined();
        expect(vpc.SecurityGroupIds.map(refId), name).toEqual([group]);
        expect(vpc.SubnetIds, name).toHaveLength(2);
      }
      if ('subnetIds' in context) expect(functionOf(s, 'steps/check-hr').Properties.VpcConfig.SubnetIds).toEqual(context.subnetIds.split(','));
    });

    it('lets exactly the callers’ roles manage their network interfaces, inline (no managed policy)', () => {
      const eni = roleStatements(s.json).filter(({ statement }) => allows(statement, 'ec2:CreateNetworkInterface'));
      const roles = DEPARTMENT_CALLERS.map((n) => refId(functionOf(s, n).Properties.Role));
      expect(new Set(eni.flatMap((e) => e.roles))).toEqual(new Set(roles));
      for (const id of roles) expect(s.json.Resources[id!]!.Properties.ManagedPolicyArns, id).toBeUndefined();
    });

    it('reaches DynamoDB and S3 through gateway endpoints, Secrets Manager, Step Functions and SNS through interface endpoints', () => {
      const all = ofType(s, 'AWS::EC2::VPCEndpoint').map(([, e]) => e.Properties);
      const service = (e: any) => JSON.stringify(e.ServiceName).replace(/.*\.([a-z0-9-]+)"?\]?\]?\}?$/, '$1');
      const gateways = all.filter((e) => (e.VpcEndpointType ?? 'Gateway') === 'Gateway').map(service);
      const interfaces = all.filter((e) => e.VpcEndpointType === 'Interface');
      expect(gateways.sort()).toEqual(['dynamodb', 's3']);
      expect(interfaces.map(service).sort()).toEqual(['secretsmanager', 'sns', 'states']);
      for (const e of interfaces) {
        expect(e.PrivateDnsEnabled).toBe(true);
        expect(e.SecurityGroupIds.map(refId)).toEqual([endpoints]);
      }
      for (const e of all.filter((x) => (x.VpcEndpointType ?? 'Gateway') === 'Gateway')) expect(e.RouteTableIds).toHaveLength(2);
    });

    it('lets the callers send HTTPS only, with nothing in, and the endpoints take HTTPS from the callers only', () => {
      const callers = s.json.Resources[group]!.Properties;
      expect(callers.SecurityGroupIngress).toBeUndefined();
      expect(callers.SecurityGroupEgress).toEqual([expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' })]);
      const ep = s.json.Resources[endpoints]!.Properties;
      expect(asArray(ep.SecurityGroupIngress)).toEqual([]);
      const ingress = ofType(s, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties);
      expect(ingress).toEqual([expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, GroupId: expect.anything() })]);
      expect(refId(ingress[0]!.GroupId)).toBe(endpoints);
      expect(refId(ingress[0]!.SourceSecurityGroupId)).toBe(group);
      // Egress of the endpoints' group: CDK's placeholder rule that matches nothing (allowAllOutbound false).
      expect(ep.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]);
    });

    it('keeps every template at 400 resources or fewer', () => {
      for (const t of s.templates) expect(Object.keys(t.json.Resources).length, t.name).toBeLessThanOrEqual(400);
    });
  });
}

describe('with vpc=create', () => {
  it('builds isolated subnets in two zones, no NAT and no internet gateway, and logs refused traffic', () => {
    const s = synth({ vpc: 'create' });
    expect(ofType(s, 'AWS::EC2::VPC')).toHaveLength(1);
    expect(ofType(s, 'AWS::EC2::Subnet')).toHaveLength(2);
    expect(ofType(s, 'AWS::EC2::NatGateway')).toEqual([]);
    expect(ofType(s, 'AWS::EC2::InternetGateway')).toEqual([]);
    expect(ofType(s, 'AWS::EC2::FlowLog').map(([, f]) => f.Properties.TrafficType)).toEqual(['REJECT']);
  });
});

describe('VPC context', () => {
  it('refuses what does not make one network', () => {
    const attempt = (context: Record<string, unknown>) => () =>
      new RetireOneStack(new App({ context: { ...TEST_CONTEXT, skipBundling: true, ...context } }), 'RetireOneStack');
    expect(attempt({ vpc: 'yes' })).toThrow(/vpc must be "create"/);
    expect(attempt({ vpc: 'create', vpcId: IMPORTED.vpcId })).toThrow(/exclude each other/);
    expect(attempt({ subnetIds: IMPORTED.subnetIds })).toThrow(/subnetIds needs vpcId/);
    expect(attempt({ ...IMPORTED, routeTableIds: 'rtb-1' })).toThrow(/as many routeTableIds/);
  });
});
