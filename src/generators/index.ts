/** The generators, in the order layouts are detected (the first whose `detect` says yes; generic last). */
import {docusaurus} from './docusaurus.js'
import {gatsby} from './gatsby.js'
import {generic} from './generic.js'
import {hugo} from './hugo.js'
import {jekyll} from './jekyll.js'
import {pelican} from './pelican.js'
import type {Generator, GeneratorModule} from './types.js'

export const generatorModules: Readonly<Record<Generator, GeneratorModule>> = {jekyll, hugo, docusaurus, gatsby, pelican, generic}

const detectionOrder: readonly GeneratorModule[] = [jekyll, docusaurus, gatsby, pelican, hugo, generic]

export const generatorNames = Object.keys(generatorModules) as Generator[]

export function generatorFor(name: Generator): GeneratorModule {
  return generatorModules[name]
}

export function detectGenerator(files: readonly string[]): GeneratorModule {
  return detectionOrder.find((module) => module.detect(files)) ?? generic
}

export type * from './types.js'
