import { registerImplementation } from "../registry";
import { indexJobProvider } from "./provider";

registerImplementation("IndexJob", indexJobProvider);
