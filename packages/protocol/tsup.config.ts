import { defineConfig } from 'tsup';
import { browserPackageBuild } from '../../scripts/browserPackageBuild';

export default defineConfig(browserPackageBuild());
