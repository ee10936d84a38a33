// The stack's AWS region: `aws:region` from the stack config, else what the provider
// resolves (environment, profile). This module loads @pulumi/aws.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export function stackRegion(parent: pulumi.Resource): pulumi.Output<string> {
    return aws.config.region ? pulumi.output(aws.config.region) : aws.getRegionOutput({}, { parent }).region;
}
