// Registers the KnowledgeBase, Category, DataCenterFile and RetrievalCheck implementations.
import { registerImplementation } from "../registry";
import { categoryProvider } from "./category";
import { dataCenterFileProvider } from "./data-center-file";
import { knowledgeBaseProvider } from "./knowledge-base";
import { withPlainResults } from "./plain-values";
import { retrievalCheckProvider } from "./retrieval-check";

registerImplementation("KnowledgeBase", withPlainResults(knowledgeBaseProvider));
registerImplementation("Category", withPlainResults(categoryProvider));
registerImplementation("DataCenterFile", withPlainResults(dataCenterFileProvider));
registerImplementation("RetrievalCheck", withPlainResults(retrievalCheckProvider));
