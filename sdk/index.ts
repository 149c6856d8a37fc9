// Public entry point: `import * as bailian from "pulumi-bailian"`.
export type { ConnectionInputs as ConnectionArgs } from "../provider/config";
