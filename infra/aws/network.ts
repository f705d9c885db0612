import { Validations } from 'aws-cdk-lib';
import {
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpointAwsService,
  type ISubnet,
  type IVpc,
  Peer,
  Port,
  SecurityGroup,
  Subnet,
  SubnetType,
  Vpc,
  FlowLogDestination,
  FlowLogTrafficType,
} from 'aws-cdk-lib/aws-ec2';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { Construct } from 'constructs';
import { SMS_MODULE } from '../../functions/sms/sms-on-schedule.ts';

/**
 * The modules that call the departments (functions/departments/, DEPARTMENTS_BASE_URL), by `<kind>/<module>`:
 * the five checks, the staff's re-check, the form's prefill and the text-message job (HR's lists of people
 * near retirement). With a VPC these, and only these, run in its private subnets, where the government
 * network is routed (a VPN, Direct Connect or a transit gateway the network team attaches).
 */
export const DEPARTMENT_CALLERS = [
  'steps/check-hr',
  'steps/check-tax',
  'steps/check-medical',
  'steps/check-housing-fund',
  'steps/check-health',
  'api/recheck-department',
  'api/prefill',
  `sms/${SMS_MODULE}`,
] as const;

/**
 * From CDK context, no lookups (the template stays environment-agnostic):
 *   vpc=create                                    a VPC of our own: two AZs, isolated private subnets, no NAT
 *   vpcId, subnetIds, routeTableIds, availabilityZones   an existing VPC's private subnets (lists, comma-separated with -c)
 * Neither: no VPC (the default).
 */
export type NetworkConfig =
  | { mode: 'none' }
  | { mode: 'create' }
  | { mode: 'import'; vpcId: string; subnetIds: string[]; routeTableIds: string[]; availabilityZones: string[] };

export function readNetworkConfig(node: Node): NetworkConfig {
  const get = (key: string): string | undefined => {
    const v: unknown = node.tryGetContext(key);
    return v === undefined || v === null || v === '' ? undefined : String(v);
  };
  const list = (key: string): string[] => {
    const v: unknown = node.tryGetContext(key);
    const items = Array.isArray(v) ? v.map(String) : (get(key)?.split(',') ?? []);
    return items.map((s) => s.trim()).filter((s) => s !== '');
  };
  const vpc = get('vpc');
  const vpcId = get('vpcId');
  if (vpc !== undefined && vpc !== 'create') throw new Error(`context vpc must be "create" (or use vpcId with subnetIds), got ${vpc}`);
  if (vpc === 'create' && vpcId !== undefined) throw new Error('context vpc=create and vpcId exclude each other');
  if (vpc === 'create') return { mode: 'create' };
  if (vpcId === undefined) {
    for (const key of ['subnetIds', 'routeTableIds', 'availabilityZones']) {
      if (list(key).length > 0) throw new Error(`context ${key} needs vpcId`);
    }
    return { mode: 'none' };
  }
  const subnetIds = list('subnetIds');
  const routeTableIds = list('routeTableIds');
  const availabilityZones = list('availabilityZones');
  if (subnetIds.length === 0 || routeTableIds.length !== subnetIds.length || availabilityZones.length !== subnetIds.length) {
    throw new Error('context vpcId needs subnetIds, and as many routeTableIds and availabilityZones (one of each per subnet, in the same order)');
  }
  return { mode: 'import', vpcId, subnetIds, routeTableIds, availabilityZones };
}

/**
 * Private subnets for the department callers, with what they need to reach AWS without the internet: gateway
 * endpoints for DynamoDB and S3 (free, routed in the subnets' route tables) and interface endpoints for Secrets
 * Manager (the origin secret, the department-call signing secret), Step Functions (the re-check resumes a case)
 * and, with SMS through SNS, SNS. Two security groups: the functions' may send HTTPS (443) only, and has no
 * ingress; the endpoints' takes HTTPS from the functions' group only.
 */
export class DepartmentNetwork extends Construct {
  readonly vpc: IVpc;
  readonly subnets: ISubnet[];
  readonly functionsGroup: SecurityGroup;
  readonly endpointsGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: { config: Exclude<NetworkConfig, { mode: 'none' }>; smsThroughSns: boolean; logRetention: RetentionDays }) {
    super(scope, id);
    const { config } = props;
    if (config.mode === 'create') {
      const vpc = new Vpc(this, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [{ name: 'departments', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
        // The default group is left unused; restricting it would cost a custom resource (a Lambda and a role).
        restrictDefaultSecurityGroup: false,
        // What the groups refused, for the network team (accepted traffic is the functions' own business).
        flowLogs: {
          rejected: {
            trafficType: FlowLogTrafficType.REJECT,
            destination: FlowLogDestination.toCloudWatchLogs(new LogGroup(this, 'FlowLogs', { retention: props.logRetention })),
          },
        },
      });
      this.vpc = vpc;
      this.subnets = vpc.isolatedSubnets;
    } else {
      this.vpc = Vpc.fromVpcAttributes(this, 'Vpc', {
        vpcId: config.vpcId,
        availabilityZones: config.availabilityZones,
        privateSubnetIds: config.subnetIds,
        privateSubnetRouteTableIds: config.routeTableIds,
      });
      this.subnets = config.subnetIds.map((subnetId, i) =>
        Subnet.fromSubnetAttributes(this, `Subnet${i}`, { subnetId, routeTableId: config.routeTableIds[i], availabilityZone: config.availabilityZones[i] }),
      );
    }
    this.functionsGroup = new SecurityGroup(this, 'Functions', {
      vpc: this.vpc,
      description: 'RetireOne department callers: HTTPS out only (AWS endpoints, the departments); nothing in',
      allowAllOutbound: false,
    });
    // HTTPS to anywhere the subnets route: they have no internet route, so that is the endpoints and the
    // government network. The DynamoDB and S3 gateways are reached at those services' public addresses, which a
    // template without lookups cannot name (their prefix lists differ by region).
    this.functionsGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS: AWS endpoints and the departments');
    this.endpointsGroup = new SecurityGroup(this, 'Endpoints', {
      vpc: this.vpc,
      description: 'RetireOne interface endpoints: HTTPS from the department callers only',
      allowAllOutbound: false,
    });
    this.endpointsGroup.addIngressRule(this.functionsGroup, Port.tcp(443), 'HTTPS from the department callers');
    Validations.of(this.functionsGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason: 'Egress only (HTTPS to the routed destinations); the group has no ingress rule.',
    });

    const subnets = { subnets: this.subnets };
    this.vpc.addGatewayEndpoint('DynamoDb', { service: GatewayVpcEndpointAwsService.DYNAMODB, subnets: [subnets] });
    this.vpc.addGatewayEndpoint('S3', { service: GatewayVpcEndpointAwsService.S3, subnets: [subnets] });
    const services: Array<[string, InterfaceVpcEndpointAwsService]> = [
      ['SecretsManager', InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
      ['StepFunctions', InterfaceVpcEndpointAwsService.STEP_FUNCTIONS],
      ...(props.smsThroughSns ? ([['Sns', InterfaceVpcEndpointAwsService.SNS]] as Array<[string, InterfaceVpcEndpointAwsService]>) : []),
    ];
    for (const [name, service] of services) {
      this.vpc.addInterfaceEndpoint(name, { service, subnets, securityGroups: [this.endpointsGroup], open: false, privateDnsEnabled: true });
    }
  }
}
