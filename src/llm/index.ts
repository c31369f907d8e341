export { createAssessor, type AssessorConfig, type AssessorOptions, type VerdictCache } from './assessor.js';
export { createLlmClient, LlmError, type LlmClient, type LlmSettings, type LlmVerdict } from './client.js';
